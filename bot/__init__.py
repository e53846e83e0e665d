"""OKR check-ins for Slack: the product core."""

__version__ = "0.1.0"
