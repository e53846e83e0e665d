"""What a manager opens before a 1:1: `/okr review @person`, the team view `/okr review
#channel`, and the alignment tree `/okr tree`."""
