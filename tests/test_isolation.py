"""Hostile learner files against the sandbox: one test per attack class.

Each attack is a small, realistic `exercise1_relu.py` (or a batch run) that a
student could hand in. The grader runs it for real (`actgrade check --json`
in a subprocess, or `actgrade grade`), and the test asserts what the attack
was after did not happen: no false pass, no classmate's file read or changed,
no process left behind, the grader's stdout still one JSON object, no secret
in the report, the grader neither hung nor crashed.

Resource attacks are bounded (a few forks, allocations under the machine's
size, short timeouts), so a regression cannot take the test machine down.
Strict isolation is required here: on a machine without Landlock and seccomp
these tests fail on purpose, since what they assert would not hold.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import resource
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from actgrade import catalog
from actgrade.sandbox import protocol
from actgrade.sandbox.guards import clean_text
from actgrade.sandbox.runner import Sandbox
from helpers import solutions_workspace

SECRET = "tok-3f9c1e-do-not-leak"
CORRECT = '''
import numpy as np

def relu(x):
    return np.maximum(x, 0.0)

def relu_derivative(x):
    return np.where(x > 0, 1.0, 0.0)
'''
WRONG = '''
import numpy as np

def relu(x):
    return np.abs(x)

def relu_derivative(x):
    return np.ones_like(x)
'''


def learner(tmp_path: Path, attack: str, name: str = "student", base: str = WRONG) -> Path:
    """A workspace whose exercise1_relu.py is `base` followed by the attack (dedented)."""
    folder = tmp_path / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "exercise1_relu.py").write_text(base + "\n" + textwrap.dedent(attack), encoding="utf-8")
    return folder


def check(folder: Path, *extra: str, timeout: float = 120, preexec=None) -> tuple[dict, subprocess.CompletedProcess]:
    env = {k: v for k, v in os.environ.items() if k != "ACTGRADE_WORKSPACE"}
    env.update(NO_COLOR="1", ACTGRADE_ISOLATION="strict", GRADER_TOKEN=SECRET, GRADESCOPE_API_KEY=SECRET)
    result = subprocess.run(
        [sys.executable, "-m", "actgrade", "check", "exercise1", "--workspace", str(folder), "--json",
         "--seed", "7", *extra],
        env=env, capture_output=True, text=True, timeout=timeout, preexec_fn=preexec,
    )
    report = json.loads(result.stdout)  # the grader's stdout is exactly one JSON object
    assert SECRET not in result.stdout + result.stderr
    assert report["isolation"]["level"] == "strict", report["isolation"]
    return report, result


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def survivors(marker: str) -> list[int]:
    """Processes whose command line holds `marker`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


# -- reading the answers -----------------------------------------------------------------------

def test_loading_the_reference_through_actgrade_fails(tmp_path: Path) -> None:
    folder = learner(tmp_path, '''
        try:
            import importlib.util
            from actgrade import catalog
            _spec = importlib.util.spec_from_file_location("_ref", catalog.solutions_dir() / "exercise1_relu.py")
            _ref = importlib.util.module_from_spec(_spec)
            _spec.loader.exec_module(_ref)
            relu, relu_derivative = _ref.relu, _ref.relu_derivative
        except Exception:
            pass
    ''')
    report, _ = check(folder)
    assert report["passed"] is False and report["score"] < report["max_score"]


def test_loading_the_reference_by_path_fails(tmp_path: Path) -> None:
    path = catalog.solutions_dir() / "exercise1_relu.py"
    folder = learner(tmp_path, f'''
        try:
            _ns = {{}}
            exec(open({str(path)!r}).read(), _ns)
            relu, relu_derivative = _ns["relu"], _ns["relu_derivative"]
        except Exception:
            pass
    ''')
    report, _ = check(folder)
    assert report["passed"] is False


def test_secrets_do_not_reach_the_report(tmp_path: Path) -> None:
    folder = learner(tmp_path, '''
        import os
        def relu(x):
            found = dict(os.environ)
            for path in ("/etc/shadow", "/proc/1/environ", "/proc/self/../" + str(os.getppid()) + "/environ"):
                try:
                    found[path] = open(path).read()
                except OSError as error:
                    found[path] = str(error)
            raise ValueError(repr(found))
    ''')
    report, result = check(folder)  # asserts the secret appears nowhere
    assert report["passed"] is False
    assert "root:" not in result.stdout  # no line of /etc/shadow


# -- harming classmates ------------------------------------------------------------------------

def test_classmates_files_cannot_be_read_or_changed(tmp_path: Path) -> None:
    alice = solutions_workspace(tmp_path / "alice")
    bob = solutions_workspace(tmp_path / "bob")
    before = {"alice": digest(alice), "bob": digest(bob)}
    grader_file = Path(catalog.__file__).with_name("grading.py")
    grader_digest = hashlib.sha256(grader_file.read_bytes()).hexdigest()
    folder = learner(tmp_path, f'''
        import shutil
        for _action in (
            lambda: shutil.copy({str(alice / "exercise1_relu.py")!r}, "copied.py"),
            lambda: open({str(bob / "exercise1_relu.py")!r}, "a").write("\\ndef relu(x):\\n    return x\\n"),
            lambda: open({str(grader_file)!r}, "a").write("\\n# compromised\\n"),
        ):
            try:
                _action()
            except OSError:
                pass
        try:
            from copied import relu, relu_derivative
        except Exception:
            pass
    ''')
    try:
        report, _ = check(folder)
        assert report["passed"] is False
        assert {"alice": digest(alice), "bob": digest(bob)} == before
        assert hashlib.sha256(grader_file.read_bytes()).hexdigest() == grader_digest
    finally:
        text = grader_file.read_text()
        if text.endswith("\n# compromised\n"):  # never leave the package broken, even on failure
            grader_file.write_text(text.removesuffix("\n# compromised\n"))


# -- processes and signals ---------------------------------------------------------------------

def test_forked_helpers_do_not_survive(tmp_path: Path) -> None:
    marker = f"actgrade-attack-{os.getpid()}-{time.monotonic_ns()}"
    folder = learner(tmp_path, f'''
        import os, subprocess, sys
        _started = []
        for _ in range(100):
            try:
                _started.append(subprocess.Popen(
                    ["/bin/sh", "-c", "setsid sleep 600 & sleep 600", {marker!r}], start_new_session=True))
            except OSError:
                break
        try:
            if os.fork() == 0:
                os.setsid()
                if os.fork() == 0:
                    os.execv("/bin/sleep", ["sleep", "600", {marker!r}])
                os._exit(0)
        except OSError:
            pass
    ''', base=CORRECT)
    report, _ = check(folder)
    assert report["passed"] is True  # the attack gained nothing and cost the correct code nothing
    time.sleep(0.5)
    assert survivors(marker) == []


def test_signals_cannot_reach_the_grader(tmp_path: Path) -> None:
    folder = learner(tmp_path, '''
        import os, signal
        for _pid in (os.getppid(), os.getpgid(os.getppid())):
            for _sig in (signal.SIGSTOP, signal.SIGKILL):
                try:
                    os.kill(_pid, _sig)
                except OSError:
                    pass
    ''', base=CORRECT)
    report, result = check(folder, timeout=120)
    assert result.returncode == 0 and report["passed"] is True


def test_a_sandbox_cannot_stop_another_sandbox(tmp_path: Path) -> None:
    classmate = solutions_workspace(tmp_path / "classmate")
    with Sandbox(classmate) as other:
        assert other.import_module("exercise1_relu").ok
        pid = other._process.pid
        folder = learner(tmp_path, f'''
            import os, signal
            for _sig in (signal.SIGSTOP, signal.SIGKILL):
                try:
                    os.kill({pid}, _sig)
                except OSError:
                    pass
        ''')
        check(folder)
        outcome = other.call("exercise1_relu", "relu", (protocol_array(),), timeout=10)
        assert outcome.ok and outcome.value.tolist() == [0.0, 2.0]


def protocol_array():
    import numpy as np

    return np.array([-1.0, 2.0])


# -- the grader's own process ------------------------------------------------------------------

def test_a_forged_answer_cannot_make_the_grader_allocate(tmp_path: Path) -> None:
    folder = learner(tmp_path, '''
        import json, os, struct, sys
        def relu(x):
            plan = json.loads(sys.argv[-1])
            body = json.dumps({"ok": True, "value": {"t": "uniform", "seed": 1, "size": 10**12,
                                                     "low": 0.0, "high": 1.0}}).encode()
            os.write(plan["write_fd"], struct.pack(">I", len(body)) + body)
            return x
    ''')
    report, result = check(folder, timeout=120)
    assert report["passed"] is False and result.returncode == 1
    with pytest.raises(ValueError):
        protocol.decode({"t": "uniform", "seed": 1, "size": 10**12, "low": 0.0, "high": 1.0}, [], trusted=False)


def test_output_tricks_cannot_block_or_corrupt_the_report(tmp_path: Path) -> None:
    folder = learner(tmp_path, '''
        import os, sys
        for _name in ("output.txt", "../output.txt"):
            try:
                os.symlink("/dev/zero", _name)
            except OSError:
                pass
        try:
            os.mkfifo("fifo")
        except OSError:
            pass
        for _target in ("/proc/%d/fd/1" % os.getppid(), "/dev/tty"):
            try:
                open(_target, "w").write('{"passed": true, "score": 7.0}')
            except OSError:
                pass
        print("\\x1b[2J\\x1b]0;owned\\x07\\x1b[31mred" + "x" * 3_000_000)
    ''')
    report, result = check(folder, timeout=120)
    assert report["passed"] is False
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert len(result.stderr) < 100_000  # learner output is capped
    assert clean_text("a\x1b[31mb\x1b]0;t\x07c\x00d") == "abcd"


def test_memory_and_disk_are_capped_and_nothing_is_left_behind(tmp_path: Path) -> None:
    marker = f"actgrade-leftover-{os.getpid()}-{time.monotonic_ns()}"
    folder = learner(tmp_path, f'''
        import numpy as np, os
        _held = []
        try:
            for _ in range(3):
                _held.append(np.ones(150_000_000))  # 1.2 GB each; three beat a per-process 2 GiB limit
        except MemoryError:
            pass
        del _held
        for _dir in ("/tmp", "/dev/shm", "/var/tmp"):
            try:
                open(os.path.join(_dir, {marker!r}), "w").write("x")
            except OSError:
                pass
        try:
            with open("big.bin", "wb") as _f:
                for _ in range(200):
                    _f.write(b"\\0" * (1 << 20))  # 200 MB into the private folder (capped)
        except OSError:
            pass
    ''', base=CORRECT)
    report, _ = check(folder, timeout=180)
    assert report["passed"] is True
    for folder_name in ("/tmp", "/dev/shm", "/var/tmp"):
        assert not (Path(folder_name) / marker).exists()


def test_no_network(tmp_path: Path) -> None:
    import socket

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(0.1)
    port = server.getsockname()[1]
    folder = learner(tmp_path, f'''
        import socket
        try:
            socket.create_connection(("127.0.0.1", {port}), timeout=2).sendall(b"hello")
        except OSError:
            pass
    ''', base=CORRECT)
    try:
        check(folder)
        with pytest.raises(socket.timeout):
            server.accept()
    finally:
        server.close()


def test_hard_limits_of_a_scheduler_do_not_break_grading() -> None:
    def scheduler_limits() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (250, 250))
        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))

    report, result = check(catalog.solutions_dir(), preexec=scheduler_limits)
    assert result.returncode == 0 and report["passed"] is True


WITHOUT_LANDLOCK = """
import ctypes, struct, sys
# A seccomp filter answering ENOSYS to the Landlock system calls, as a kernel older than 5.13 does.
# Filters are inherited, so the grader's sandboxed child cannot have Landlock either.
prog = [(0x20, 0, 0, 0)]
for number in (444, 445, 446):
    prog += [(0x15, 0, 1, number), (0x06, 0, 0, 0x00050000 | 38)]
prog.append((0x06, 0, 0, 0x7FFF0000))
raw = b"".join(struct.pack("=HBBI", *i) for i in prog)
buf = ctypes.create_string_buffer(raw, len(raw))
class Fprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]
libc = ctypes.CDLL(None, use_errno=True)
assert libc.prctl(38, 1, 0, 0, 0) == 0
assert libc.prctl(22, 2, ctypes.byref(Fprog(len(prog), ctypes.cast(buf, ctypes.c_void_p))), 0, 0) == 0
from actgrade.cli import main
sys.argv = ["actgrade", *sys.argv[1:]]
main()
"""


def without_landlock(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("ACTGRADE_WORKSPACE", "ACTGRADE_ISOLATION")}
    return subprocess.run([sys.executable, "-c", WITHOUT_LANDLOCK, *args], env=env, capture_output=True,
                          text=True, timeout=120)


def test_strict_refuses_where_the_machine_cannot_give_it() -> None:
    solutions = str(catalog.solutions_dir())
    refused = without_landlock("check", "exercise1", "--workspace", solutions, "--isolation", "strict")
    assert refused.returncode == 2 and refused.stdout == ""
    assert "strict isolation is not available" in refused.stderr and "landlock" in refused.stderr
    # The default uses what there is, says so once, and still grades.
    weaker = without_landlock("check", "exercise1", "--workspace", solutions, "--json")
    report = json.loads(weaker.stdout)
    assert weaker.returncode == 0 and report["isolation"]["level"] == "basic"
    assert "landlock-filesystem" in report["isolation"]["missing"]
    assert weaker.stderr.count("basic isolation") == 1


# -- a class run -------------------------------------------------------------------------------

def test_batch_run_survives_hostile_students(tmp_path: Path) -> None:
    submissions = tmp_path / "submissions"
    honest = solutions_workspace(submissions / "=2+3")
    before = digest(honest)
    learner(submissions, f'''
        import os, signal, glob
        for _path in glob.glob({str(submissions)!r} + "/*/exercise1_relu.py"):
            try:
                open(_path, "w").write("def relu(x):\\n    return x\\n")
            except OSError:
                pass
        try:
            os.kill(os.getppid(), signal.SIGSTOP)
        except OSError:
            pass
        def relu(x):
            while True:
                pass
    ''', name="mallory")
    out = tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if k != "ACTGRADE_WORKSPACE"}
    env["NO_COLOR"] = "1"
    result = subprocess.run(
        [sys.executable, "-m", "actgrade", "grade", str(submissions), "--exercises", "1", "--seed", "3",
         "--jobs", "2", "--out", str(out), "--isolation", "strict", "--pair-timeout", "8",
         "--no-reference-check"],
        env=env, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr
    assert digest(honest) == before
    rows = list(csv.reader((out / "grades.csv").open()))
    by_student = {row[0]: row for row in rows[1:]}
    assert "'=2+3" in by_student and by_student["'=2+3"][1] == "7"  # the honest student's full marks
    assert by_student["mallory"][1] == "0"
    data = json.loads((out / "results.json").read_text())
    assert data["students"]["mallory"]["exercises"]["exercise1"]["status"] in ("timeout", "graded")


def test_a_child_dies_with_its_grader(tmp_path: Path) -> None:
    """A grader killed mid-call (a notebook kernel restarted after a timeout) takes its sandbox
    child with it, instead of leaving it busy-looping in the learner's `while True`."""
    workspace = learner(tmp_path, '''
        def spin(x):
            while True:
                pass
        ''')
    grader = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys
            from actgrade.sandbox.runner import Sandbox
            sandbox = Sandbox({str(workspace)!r}, timeout=600)
            sandbox.start()
            sandbox.import_module("exercise1_relu", timeout=60)
            print(sandbox._process.pid, flush=True)
            sandbox.call("exercise1_relu", "spin", (0,), timeout=600)
            """)],
        stdout=subprocess.PIPE, text=True)
    child_pid = int(grader.stdout.readline())
    time.sleep(0.5)  # the child is now spinning in the learner's loop
    grader.kill()
    grader.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _alive(child_pid):
        time.sleep(0.05)
    assert not _alive(child_pid)


def _alive(pid: int) -> bool:
    """True while `pid` runs (a zombie that nobody reaps counts as dead)."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
