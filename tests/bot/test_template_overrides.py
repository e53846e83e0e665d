"""TEMPLATES_DIR: an override replaces the built-in template of its name once it renders valid
Block Kit for the sample data; anything else stops check, run and jobs with exit 2 and one
sentence naming the file."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import template_check
from bot.celebrations import message as celebration_message
from bot.cli import main
from bot.digest import message as digest_message
from bot.recognition import message as badge_message
from bot.render import render, use_templates
from bot.settings import SettingsError, load_settings
from bot.template_samples import HOSTILE, celebrations, digest
from bot.template_samples import prompts as samples
from bot.words import Words
from tests.bot.test_cli import ROOT, env_for
from tests.emulator import SlackEmulator

BUILTIN = (ROOT / "bot" / "templates" / "prompt.json.j2").read_text()
# The built-in prompt, reworded as an operator might.
REWORDED = BUILTIN.replace(":wave: Time to check in", ":rocket: Friday check-in")


@pytest.fixture
def overrides(tmp_path: Path) -> Iterator[Path]:
    directory = tmp_path / "templates"
    directory.mkdir()
    yield directory
    use_templates(None)


def test_an_override_replaces_the_built_in_template_once_in_use(overrides: Path) -> None:
    (overrides / "prompt.json.j2").write_text(REWORDED)
    context = samples.prompt()[0]
    assert template_check.problems(overrides) == []
    assert ":wave:" in render("prompt", **context)["blocks"][0]["text"]["text"]
    use_templates(overrides)
    assert render("prompt", **context)["blocks"][0]["text"]["text"].startswith(":rocket:")
    assert "Signups" in render("prompt", **context)["blocks"][1]["text"]["text"]
    assert render("prompt_answered", **samples.prompt_answered()[0])["text"], "others built in"
    use_templates(None)
    assert ":wave:" in render("prompt", **context)["blocks"][0]["text"]["text"]


BROKEN: dict[str, tuple[str, str, str]] = {
    # case: (file, its text, what the message says)
    "syntax error": (
        "prompt.json.j2",
        "{% for x in groups %}" + BUILTIN,
        "line 16: a template syntax error: Unexpected end of template",
    ),
    "undefined variable": (
        "prompt.json.j2",
        BUILTIN.replace("cycle | truncate_to(32)", "team_name | truncate_to(32)", 1),
        "'team_name' is undefined; the values it is given are cycle, example, groups",
    ),
    "invalid JSON": (
        "prompt.json.j2",
        BUILTIN.replace('"blocks": [', '"blocks": [,', 1),
        "it does not render JSON",
    ),
    "invalid Block Kit": (
        "prompt_answered.json.j2",
        '{"text": "Done", "blocks": [{"type": "section"}]}',
        "block 1 is not valid Block Kit: text or fields attribute must be specified",
    ),
    "unknown block": (
        "prompt_answered.json.j2",
        '{"text": "Done", "blocks": [{"type": "banner"}]}',
        "block 1 is of no type Block Kit knows",
    ),
    "no text": (
        "prompt_answered.json.j2",
        '{"blocks": [{"type": "divider"}]}',
        "the message needs a `text`",
    ),
    "too long a section": (
        "prompt.json.j2",
        BUILTIN.replace("key_results(groups, more, words)", "(groups[0].lines[0].title * 2)"),
        "cannot exceed 3000 characters",
    ),
    "unescaped user text": (
        "prompt.json.j2",
        BUILTIN.replace("(cycle | truncate_to(32) | mrkdwn)", "(cycle | truncate_to(80))"),
        "lets text people typed through unescaped",
    ),
    "too many blocks": (
        "prompt_answered.json.j2",
        '{"text": "x", "blocks": [' + ", ".join(['{"type": "divider"}'] * 51) + "]}",
        "it renders 51 blocks; Slack allows 50",
    ),
    "a filter failing": (
        "prompt.json.j2",
        BUILTIN.replace("more, words)", "more + 'x', words)", 1),
        "it fails to render the sample data: TypeError",
    ),
    "not UTF-8": ("prompt.json.j2", "\udcff", "cannot be rendered"),
}


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    return path


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_each_broken_override_is_said_in_one_sentence_naming_the_file(
    overrides: Path, case: str
) -> None:
    name, text, says = BROKEN[case]
    path = write(overrides, name, text)
    (problem,) = template_check.problems(overrides)
    assert problem.startswith(f"{path}: ") and says in problem, problem
    assert "\n" not in problem


@pytest.mark.parametrize("name", ["home.json.j2", "_prompts.j2", "notes.txt", "prompt"])
def test_a_file_of_any_other_name_is_refused_listing_those_that_may_be(
    overrides: Path, name: str
) -> None:
    path = write(overrides, name, BUILTIN)
    (overrides / ".prompt.json.j2.swp").write_text("an editor's, ignored")
    assert template_check.problems(overrides) == [
        f"TEMPLATES_DIR holds {path}, which is no template that may be overridden; it may hold "
        f"only {', '.join(template_check.file_names())}."
    ]
    assert template_check.file_names()[:2] == ["prompt.json.j2", "prompt_answered.json.j2"]


def test_a_folder_is_no_template(overrides: Path) -> None:
    (overrides / "prompt.json.j2").mkdir()
    (problem,) = template_check.problems(overrides)
    assert "which is no template that may be overridden" in problem


def test_every_overridable_template_is_built_in_and_its_samples_pass() -> None:
    for name, samples_of in template_check.OVERRIDABLE.items():
        assert (ROOT / "bot" / "templates" / f"{name}.json.j2").is_file()
        assert len(samples_of()) >= 2
        # Without hostile text the check could not catch an override that forgets `| mrkdwn`.
        assert any(HOSTILE[:40] in repr(context) for context in samples_of()), name
    builtin = ROOT / "bot" / "templates"
    for name in template_check.OVERRIDABLE:
        assert template_check._problem(builtin, name) is None, name


@pytest.mark.parametrize(
    ("value", "says"),
    [("/nonexistent/templates", "does not exist"), (str(ROOT / "README.md"), "is not a directory")],
)
def test_templates_dir_must_be_a_directory(value: str, says: str) -> None:
    with pytest.raises(SettingsError) as raised:
        load_settings(
            {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "TEMPLATES_DIR": value}
        )
    assert f"TEMPLATES_DIR must be a directory of template overrides; {value!r} {says}" in str(
        raised.value
    )


def test_check_says_which_templates_are_in_use(
    tmp_path: Path, overrides: Path, slack: SlackEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    env = env_for(tmp_path, SLACK_API_URL=slack.api_url)
    assert main(["check"], env=env) == 0
    said = "Templates: the built-in ones (TEMPLATES_DIR is not set; it may override prompt.json.j2"
    assert said in capsys.readouterr().out
    assert main(["check"], env={**env, "TEMPLATES_DIR": str(overrides)}) == 0
    assert f"(TEMPLATES_DIR {overrides} holds no override)" in capsys.readouterr().out
    (overrides / "prompt.json.j2").write_text(REWORDED)
    assert main(["check"], env={**env, "TEMPLATES_DIR": str(overrides)}) == 0
    out = capsys.readouterr().out
    assert f"Templates: prompt.json.j2 from {overrides}, checked with sample data" in out


def test_check_and_jobs_exit_2_on_a_broken_override(
    tmp_path: Path, overrides: Path, slack: SlackEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(overrides, "prompt_answered.json.j2", '{"text": "Done", "blocks": [}')
    env = env_for(tmp_path, SLACK_API_URL=slack.api_url, TEMPLATES_DIR=str(overrides))
    assert main(["check"], env=env) == 2
    out, err = capsys.readouterr()
    assert f"  - {path}: it does not render JSON" in err and "Templates:" not in out
    assert main(["db", "upgrade"], env=env) == 0, "the schema needs no templates"
    capsys.readouterr()
    assert main(["jobs", "run", "prompts"], env=env) == 2
    assert capsys.readouterr().err.startswith(f"{path}: it does not render JSON")
    assert not slack.calls_to("chat.postMessage")
    assert main(["jobs", "list"], env=env) == 0, "listing the jobs renders nothing"


def test_run_exits_2_before_serving_with_one_line_and_no_traceback(
    tmp_path: Path, overrides: Path, slack: SlackEmulator
) -> None:
    path = write(overrides, "prompt.json.j2", BUILTIN.replace("{{ head | tojson }}", "{{ head }}"))
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env={
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(ROOT),
            **env_for(tmp_path, SLACK_API_URL=slack.api_url, TEMPLATES_DIR=str(overrides)),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.startswith(f"{path}: it does not render JSON"), result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1
    assert not slack.calls_to("auth.test"), "stopped before anything else"


# The built-in shout-out, digest and badge DM, each reworded in its first line as an operator
# might: (file, what the built-in says, what the override says instead).
REWORDINGS = {
    "celebration": ('(":tada: " ~ head)', '(":confetti_ball: Hooray! " ~ head)'),
    "digest": ('":newspaper: Weekly "', '":bar_chart: Our weekly "'),
    "badge": ('":medal: *New badge: "', '":trophy: *You earned: "'),
}


def reworded(name: str) -> str:
    built_in = (ROOT / "bot" / "templates" / f"{name}.json.j2").read_text()
    was, now = REWORDINGS[name]
    assert was in built_in, name
    return built_in.replace(was, now)


def celebration_posted() -> str:
    (context, *_) = celebrations.celebration()
    where = celebration_message.Destination("C0TEAM")
    shout = celebration_message.outgoing(context["shout"], Words(), where, period="checkin1")
    return str(shout.blocks[0]["text"]["text"])


def digest_posted() -> str:
    (context, *_) = digest.digest()
    return str(digest_message.outgoing(context["digest"], Words()).blocks[0]["text"]["text"])


def badge_sent() -> str:
    dm = badge_message.badge_message("U1", "streak_4", streak=4, cadence="weekly", words=Words())
    return str(dm.blocks[0]["text"]["text"])


NOW_SAYS = {
    "celebration": ":confetti_ball: Hooray! <@U1> reached 50 % on the key result",
    "digest": ":bar_chart: Our weekly OKR digest",
    "badge": ":trophy: *You earned: ",
}
SENT = {"celebration": celebration_posted, "digest": digest_posted, "badge": badge_sent}


@pytest.mark.parametrize("name", list(REWORDINGS))
def test_a_reworded_shout_out_digest_or_badge_is_what_is_queued(overrides: Path, name: str) -> None:
    (overrides / f"{name}.json.j2").write_text(reworded(name))
    assert template_check.problems(overrides) == []
    before = SENT[name]()
    use_templates(overrides)
    after = SENT[name]()
    use_templates(None)
    assert after != before
    assert after.startswith(NOW_SAYS[name]), after


@pytest.mark.parametrize("name", list(REWORDINGS))
def test_a_shout_out_digest_or_badge_override_letting_text_through_stops_check(
    tmp_path: Path,
    overrides: Path,
    slack: SlackEmulator,
    name: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The override forgets to escape what people typed (or the words an admin chose).
    path = write(overrides, f"{name}.json.j2", reworded(name).replace("| mrkdwn", ""))
    env = env_for(tmp_path, SLACK_API_URL=slack.api_url, TEMPLATES_DIR=str(overrides))
    assert main(["check"], env=env) == 2
    err = capsys.readouterr().err
    assert f"  - {path}: it lets text people typed through unescaped" in err, err
