"""Kernel confinement of the sandboxed child, applied by the child to itself.

The child calls `confine(plan)` after importing NumPy and before importing any
learner code. Everything here is a real kernel mechanism, never a check written
in Python that learner code could undo:

- resource limits (address space, CPU time, file size, open files, no core
  dumps), clamped to the hard limits already in force so a batch scheduler's
  `ulimit` never makes the child fail;
- namespaces (`unshare`): a private network namespace with no interfaces but
  loopback, a private IPC namespace, and a private mount namespace in which the
  child's writable folder is a size-capped tmpfs that vanishes with the child;
- Landlock: the filesystem is reduced to reading the Python standard library,
  NumPy and the system's shared libraries, reading the private copy of the
  learner's workspace and writing the private folder; signals and abstract
  Unix sockets are scoped to the child itself, TCP bind/connect are denied;
- seccomp: no new processes (threads stay allowed), no program execution, no
  sockets other than Unix ones, no ptrace or cross-process memory access, no
  mounts, namespaces, keyrings, BPF, module loading or permission changes.

Each layer reports whether it took effect. `Isolation.level` is "strict" when
all of them did and "basic" otherwise, with what was missing, so the grader
can say exactly what protected a run. On systems other than Linux only the
resource limits apply.
"""

from __future__ import annotations

import ctypes
import errno
import os
import signal
import struct
import sys
from dataclasses import dataclass, field

TMPFS_MB = 64
FILE_SIZE_MB = 64
OPEN_FILES = 256

# The layers a strict run needs, by the names reported when one is missing.
STRICT_LAYERS = ("landlock-filesystem", "landlock-scope", "seccomp", "namespaces", "private-tmpfs")


@dataclass
class Isolation:
    """What took effect in one child."""

    applied: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def level(self) -> str:
        return "strict" if all(layer in self.applied for layer in STRICT_LAYERS) else "basic"

    def to_json(self) -> dict:
        return {"level": self.level, "applied": list(self.applied), "missing": list(self.missing)}


# -- resource limits ------------------------------------------------------------------------------

def apply_limits(memory_mb: int, cpu_seconds: int, isolation: Isolation) -> None:
    """Set every limit no higher than the hard limit already in force."""
    try:
        import resource
    except ImportError:  # not on this system
        isolation.missing.append("resource-limits")
        return
    wanted = {
        "RLIMIT_AS": memory_mb * 1024 * 1024 if memory_mb > 0 else None,
        "RLIMIT_CPU": cpu_seconds if cpu_seconds > 0 else None,
        "RLIMIT_FSIZE": FILE_SIZE_MB * 1024 * 1024,  # a runaway print loop must not fill a disk
        "RLIMIT_NOFILE": OPEN_FILES,
        "RLIMIT_CORE": 0,
    }
    for name, value in wanted.items():
        which = getattr(resource, name, None)
        if which is None or value is None:
            continue
        try:
            _soft, hard = resource.getrlimit(which)
            if hard == resource.RLIM_INFINITY:
                # CPU: the soft limit sends SIGXCPU, the hard one (a little later) kills.
                limits = (value, value + 5 if name == "RLIMIT_CPU" else value)
            else:
                limits = (min(value, hard), hard)  # never above what is already in force
            resource.setrlimit(which, limits)
        except (ValueError, OSError):
            isolation.missing.append(f"limit {name}")
    isolation.applied.append("resource-limits")


# -- raw system calls -----------------------------------------------------------------------------

_libc = None


def _syscall_lib() -> ctypes.CDLL:
    global _libc
    if _libc is None:
        _libc = ctypes.CDLL(None, use_errno=True)
    return _libc


def _check(result: int, what: str) -> int:
    if result == -1:
        code = ctypes.get_errno()
        raise OSError(code, f"{what}: {os.strerror(code)}")
    return result


# x86_64 and aarch64 numbers of the calls this module makes itself.
_NR = {
    "x86_64": {"landlock_create_ruleset": 444, "landlock_add_rule": 445, "landlock_restrict_self": 446},
    "aarch64": {"landlock_create_ruleset": 444, "landlock_add_rule": 445, "landlock_restrict_self": 446},
}


def _machine() -> str:
    return os.uname().machine if hasattr(os, "uname") else ""


# -- namespaces -----------------------------------------------------------------------------------

CLONE_NEWNS = 0x00020000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000
MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REC, MS_PRIVATE = 2, 4, 8, 16384, 1 << 18


def enter_namespaces(work_dir: str, isolation: Isolation) -> None:
    """New network, IPC and mount namespaces; the writable folder becomes a capped tmpfs.

    Must run while the process has a single thread (before NumPy starts any).
    Root unshares directly; any other user first enters a user namespace, in
    which it may do the same.
    """
    libc = _syscall_lib()
    flags = CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWIPC
    uid, gid = os.geteuid(), os.getegid()
    try:
        if uid != 0:
            _check(libc.unshare(CLONE_NEWUSER | flags), "unshare")
            _write("/proc/self/setgroups", "deny")
            _write("/proc/self/uid_map", f"{uid} {uid} 1")
            _write("/proc/self/gid_map", f"{gid} {gid} 1")
        else:
            _check(libc.unshare(flags), "unshare")
    except OSError:
        isolation.missing.append("namespaces")
        return
    isolation.applied.append("namespaces")
    try:
        # Without this, a mount made here could propagate back to the host.
        _check(libc.mount(None, b"/", None, MS_REC | MS_PRIVATE, None), "mount --make-rprivate")
        options = f"size={TMPFS_MB}m,mode=0700,uid={uid},gid={gid}".encode()
        _check(libc.mount(b"tmpfs", work_dir.encode(), b"tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, options),
               "mount tmpfs")
        os.chdir(work_dir)  # the old directory entry now hides under the mount
        isolation.applied.append("private-tmpfs")
    except OSError:
        isolation.missing.append("private-tmpfs")


def _write(path: str, text: str) -> None:
    with open(path, "w") as handle:
        handle.write(text)


# -- Landlock -------------------------------------------------------------------------------------

_FS_EXECUTE, _FS_WRITE_FILE, _FS_READ_FILE, _FS_READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
_FS_ALL_V1 = (1 << 13) - 1
_FS_REFER, _FS_TRUNCATE, _FS_IOCTL_DEV = 1 << 13, 1 << 14, 1 << 15
_NET_BIND_TCP, _NET_CONNECT_TCP = 1, 2
_SCOPE_ABSTRACT_UNIX_SOCKET, _SCOPE_SIGNAL = 1, 2
_RULE_PATH_BENEATH = 1
_READ = _FS_EXECUTE | _FS_READ_FILE | _FS_READ_DIR
_FILE_RIGHTS = _FS_EXECUTE | _FS_WRITE_FILE | _FS_READ_FILE | _FS_TRUNCATE | _FS_IOCTL_DEV


def landlock_abi() -> int:
    """The Landlock ABI version the kernel offers, 0 when none."""
    numbers = _NR.get(_machine())
    if not sys.platform.startswith("linux") or numbers is None:
        return 0
    libc = _syscall_lib()
    libc.syscall.restype = ctypes.c_long
    version = libc.syscall(ctypes.c_long(numbers["landlock_create_ruleset"]), None, ctypes.c_size_t(0),
                           ctypes.c_uint32(1))
    return max(0, int(version))


def _fs_rights(abi: int) -> int:
    rights = _FS_ALL_V1
    if abi >= 2:
        rights |= _FS_REFER
    if abi >= 3:
        rights |= _FS_TRUNCATE
    if abi >= 5:
        rights |= _FS_IOCTL_DEV
    return rights


def restrict_filesystem(read_paths: list[str], write_paths: list[str], isolation: Isolation) -> None:
    """Landlock: read `read_paths`, read and write `write_paths`, nothing else.

    Also denies TCP (ABI 4+) and scopes signals and abstract Unix sockets to
    this process (ABI 6+): it cannot signal the grader or another sandbox.
    """
    abi = landlock_abi()
    if abi < 1:
        isolation.missing.extend(["landlock-filesystem", "landlock-scope"])
        return
    numbers = _NR[_machine()]
    libc = _syscall_lib()
    handled_fs = _fs_rights(abi)
    handled_net = (_NET_BIND_TCP | _NET_CONNECT_TCP) if abi >= 4 else 0
    scoped = (_SCOPE_ABSTRACT_UNIX_SOCKET | _SCOPE_SIGNAL) if abi >= 6 else 0
    attr = struct.pack("=QQQ", handled_fs, handled_net, scoped)
    size = 24 if abi >= 6 else 16 if abi >= 4 else 8
    buffer = ctypes.create_string_buffer(attr[:size], size)
    ruleset = libc.syscall(ctypes.c_long(numbers["landlock_create_ruleset"]), buffer, ctypes.c_size_t(size),
                           ctypes.c_uint32(0))
    if ruleset < 0:
        isolation.missing.extend(["landlock-filesystem", "landlock-scope"])
        return
    try:
        for path in read_paths:
            _allow(ruleset, path, _READ & handled_fs, numbers)
        for path in write_paths:
            _allow(ruleset, path, handled_fs, numbers)
        _set_no_new_privs()
        result = libc.syscall(ctypes.c_long(numbers["landlock_restrict_self"]), ctypes.c_int(ruleset),
                              ctypes.c_uint32(0))
        if result != 0:
            isolation.missing.extend(["landlock-filesystem", "landlock-scope"])
            return
    finally:
        os.close(ruleset)
    isolation.applied.append("landlock-filesystem")
    (isolation.applied if scoped else isolation.missing).append("landlock-scope")
    if handled_net:
        isolation.applied.append("landlock-network")


def _allow(ruleset: int, path: str, rights: int, numbers: dict) -> None:
    try:
        fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
    except OSError:
        return  # a path that does not exist here needs no rule
    try:
        if not os.path.isdir(path):
            rights &= _FILE_RIGHTS
        rule = struct.pack("=Qi", rights, fd)
        buffer = ctypes.create_string_buffer(rule, len(rule))
        libc = _syscall_lib()
        libc.syscall(ctypes.c_long(numbers["landlock_add_rule"]), ctypes.c_int(ruleset),
                     ctypes.c_int(_RULE_PATH_BENEATH), buffer, ctypes.c_uint32(0))
    finally:
        os.close(fd)


PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int) -> None:
    """Ask the kernel to SIGKILL this process when the grader that started it dies.

    Without it a child whose grader was killed (a notebook kernel restarted by nbgrader after a
    timeout, a batch worker that crashed) runs on until its CPU limit, busy-looping in a learner's
    `while True`. If the grader is already gone, exit at once."""
    if not sys.platform.startswith("linux"):
        return
    _syscall_lib().prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent_pid:
        os._exit(1)


def _set_no_new_privs() -> None:
    PR_SET_NO_NEW_PRIVS = 38
    _check(_syscall_lib().prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "prctl(NO_NEW_PRIVS)")


# -- seccomp --------------------------------------------------------------------------------------

_AUDIT_ARCH = {"x86_64": 0xC000003E, "aarch64": 0xC00000B7}
_CLONE_THREAD = 0x00010000
_AF_UNIX = 1

# System calls learner code never needs, denied with EPERM.
_DENIED = {
    "x86_64": {
        "fork": 57, "vfork": 58, "execve": 59, "execveat": 322, "ptrace": 101,
        "process_vm_readv": 310, "process_vm_writev": 311, "pidfd_getfd": 438, "pidfd_send_signal": 424,
        "unshare": 272, "setns": 308, "mount": 165, "umount2": 166, "pivot_root": 155, "chroot": 161,
        "open_tree": 428, "move_mount": 429, "fsopen": 430, "fsconfig": 431, "fsmount": 432, "fspick": 433,
        "mount_setattr": 442, "keyctl": 250, "add_key": 248, "request_key": 249, "bpf": 321,
        "perf_event_open": 298, "userfaultfd": 323, "kexec_load": 246, "kexec_file_load": 320,
        "init_module": 175, "finit_module": 313, "delete_module": 176, "reboot": 169, "swapon": 167,
        "swapoff": 168, "iopl": 172, "ioperm": 173, "open_by_handle_at": 304, "name_to_handle_at": 303,
        "chmod": 90, "fchmod": 91, "fchmodat": 268, "fchmodat2": 452, "chown": 92, "fchown": 93,
        "lchown": 94, "fchownat": 260, "setxattr": 188, "lsetxattr": 189, "fsetxattr": 190,
        "removexattr": 197, "lremovexattr": 198, "fremovexattr": 199, "setuid": 105, "setgid": 106,
        "setreuid": 113, "setregid": 114, "setresuid": 117, "setresgid": 119, "setgroups": 116,
        "settimeofday": 164, "clock_settime": 227, "adjtimex": 159, "sethostname": 170,
        "setdomainname": 171, "acct": 163, "quotactl": 179, "syslog": 103, "vhangup": 153,
    },
    "aarch64": {
        "execve": 221, "execveat": 281, "ptrace": 117, "process_vm_readv": 270, "process_vm_writev": 271,
        "pidfd_getfd": 438, "pidfd_send_signal": 424, "unshare": 97, "setns": 268, "mount": 40,
        "umount2": 39, "pivot_root": 41, "chroot": 51, "open_tree": 428, "move_mount": 429, "fsopen": 430,
        "fsconfig": 431, "fsmount": 432, "fspick": 433, "mount_setattr": 442, "keyctl": 219,
        "add_key": 217, "request_key": 218, "bpf": 280, "perf_event_open": 241, "userfaultfd": 282,
        "kexec_load": 104, "kexec_file_load": 294, "init_module": 105, "finit_module": 273,
        "delete_module": 106, "reboot": 142, "swapon": 224, "swapoff": 225, "open_by_handle_at": 265,
        "name_to_handle_at": 264, "fchmod": 52, "fchmodat": 53, "fchmodat2": 452, "fchown": 55,
        "fchownat": 54, "setxattr": 5, "lsetxattr": 6, "fsetxattr": 7, "removexattr": 14,
        "lremovexattr": 15, "fremovexattr": 16, "setuid": 146, "setgid": 144, "setreuid": 145,
        "setregid": 143, "setresuid": 147, "setresgid": 149, "setgroups": 159, "settimeofday": 170,
        "clock_settime": 112, "adjtimex": 171, "sethostname": 161, "setdomainname": 162, "acct": 89,
        "quotactl": 60, "syslog": 116, "vhangup": 58,
    },
}
_CLONE = {"x86_64": 56, "aarch64": 220}
_CLONE3 = {"x86_64": 435, "aarch64": 435}
_SOCKET = {"x86_64": 41, "aarch64": 198}

_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
_RET_KILL_PROCESS = 0x80000000
_LD_W_ABS, _JEQ, _JGE, _JSET, _RET = 0x20, 0x15, 0x35, 0x45, 0x06


def seccomp_program(machine: str) -> list[tuple[int, int, int, int]]:
    """The BPF filter as (code, jt, jf, k) instructions, or [] for an unknown machine."""
    if machine not in _AUDIT_ARCH:
        return []
    denied = sorted(set(_DENIED[machine].values()))
    prog: list[tuple[int, int, int, int]] = [
        (_LD_W_ABS, 0, 0, 4),  # seccomp_data.arch
        (_JEQ, 1, 0, _AUDIT_ARCH[machine]),
        (_RET, 0, 0, _RET_KILL_PROCESS),  # another ABI (x86 32-bit): refuse outright
        (_LD_W_ABS, 0, 0, 0),  # seccomp_data.nr
    ]
    if machine == "x86_64":  # the x32 ABI shares the arch value: refuse it by number
        prog += [(_JGE, 0, 1, 0x40000000), (_RET, 0, 0, _RET_KILL_PROCESS)]
    for number in denied:
        prog += [(_JEQ, 0, 1, number), (_RET, 0, 0, _RET_ERRNO | errno.EPERM)]
    # clone3 hides its flags in memory a filter cannot read: answer ENOSYS, so the
    # C library falls back to clone(), whose flags the filter can see.
    prog += [(_JEQ, 0, 1, _CLONE3[machine]), (_RET, 0, 0, _RET_ERRNO | errno.ENOSYS)]
    # clone: threads (CLONE_THREAD) are fine, new processes are not.
    prog += [
        (_JEQ, 0, 4, _CLONE[machine]),
        (_LD_W_ABS, 0, 0, 16),  # low 32 bits of the first argument (the flags)
        (_JSET, 1, 0, _CLONE_THREAD),
        (_RET, 0, 0, _RET_ERRNO | errno.EPERM),
        (_RET, 0, 0, _RET_ALLOW),
    ]
    # socket: Unix sockets only (nothing can reach the network anyway).
    prog += [
        (_JEQ, 0, 4, _SOCKET[machine]),
        (_LD_W_ABS, 0, 0, 16),
        (_JEQ, 1, 0, _AF_UNIX),
        (_RET, 0, 0, _RET_ERRNO | errno.EACCES),
        (_RET, 0, 0, _RET_ALLOW),
    ]
    prog.append((_RET, 0, 0, _RET_ALLOW))
    return prog


def install_seccomp(isolation: Isolation) -> None:
    machine = _machine()
    program = seccomp_program(machine) if sys.platform.startswith("linux") else []
    if not program:
        isolation.missing.append("seccomp")
        return
    raw = b"".join(struct.pack("=HBBI", *instruction) for instruction in program)
    filters = ctypes.create_string_buffer(raw, len(raw))

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    fprog = SockFprog(len(program), ctypes.cast(filters, ctypes.c_void_p))
    PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 22, 2
    try:
        _set_no_new_privs()
        _check(_syscall_lib().prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0),
               "prctl(SECCOMP)")
    except OSError:
        isolation.missing.append("seccomp")
        return
    isolation.applied.append("seccomp")


# -- the whole plan -------------------------------------------------------------------------------

def readable_roots() -> list[str]:
    """What the child may read: Python's standard library, NumPy, shared libraries, a few devices."""
    import sysconfig

    import numpy

    paths = {sysconfig.get_paths()[key] for key in ("stdlib", "platstdlib")}
    numpy_dir = os.path.dirname(os.path.abspath(numpy.__file__))
    paths.add(numpy_dir)
    paths.add(numpy_dir + ".libs")  # wheels bundle OpenBLAS beside the package
    paths.update(["/usr/lib", "/usr/lib64", "/lib", "/lib64", "/usr/share/zoneinfo",
                  "/dev/urandom", "/dev/random", "/dev/zero"])
    return sorted(paths)


def confine_after_numpy(workspace_copy: str, work_dir: str, isolation: Isolation) -> None:
    """Landlock and seccomp: the last step before learner code may run."""
    if not sys.platform.startswith("linux"):
        isolation.missing.extend(["landlock-filesystem", "landlock-scope", "seccomp"])
        return
    restrict_filesystem(readable_roots() + [workspace_copy], [work_dir, "/dev/null"], isolation)
    install_seccomp(isolation)
