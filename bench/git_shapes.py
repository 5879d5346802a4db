#!/usr/bin/env python3
"""Generates git histories of a given shape for bench/git_history.sh, through git fast-import.

    python3 bench/git_shapes.py DIR TEAMS COMMITS TEAMS_PER_COMMIT

The repository has okr.yaml (moved_goalposts and behind_pace on) and one
2026-Q3 quarter file per team, all added by the first commit on 2026-07-01.
Each later commit, a day apart in round-robin over the quarter's days, rewrites
TEAMS_PER_COMMIT teams' files in turn: a new objective title, and on every
fourth visit a new target, so goal posts move after planning. Authors and
dates are fixed: every run makes the same history, byte for byte.
"""
import subprocess
import sys
from datetime import date, timedelta


def quarter_file(team, visit):
    target = 200 + (visit // 4) * 5
    lines = [f"quarter: 2026-Q3\nteam: team-{team}\nobjectives:\n"]
    for o in (1, 2, 3):
        lines.append(f"  - id: O{o}\n    title: Objective {o}, revised {visit} times\n    key_results:\n")
        for k in (1, 2, 3, 4):
            lines.append(
                f'      - {{id: KR{k}, title: Key result {k}, baseline: 100, target: {target}, unit: "%"}}\n')
    return "".join(lines).encode()


def main():
    folder, teams, commits, per_commit = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    subprocess.run(["git", "init", "-q", "-b", "main", folder], check=True)
    stream = subprocess.Popen(["git", "-C", folder, "fast-import", "--quiet"], stdin=subprocess.PIPE)
    out = stream.stdin
    first = date(2026, 7, 1)

    def commit(number, day, files):
        stamp = int((day - date(1970, 1, 1)).total_seconds()) + 12 * 3600
        out.write(b"commit refs/heads/main\n")
        out.write(f"committer Bench <bench@example.com> {stamp} +0000\n".encode())
        message = f"Commit {number}\n".encode()
        out.write(b"data %d\n%s" % (len(message), message))
        for path, body in files:
            out.write(f"M 100644 inline {path}\n".encode())
            out.write(b"data %d\n%s\n" % (len(body), body))

    config = b"organization: Bench\nalerts:\n  - rule: moved_goalposts\n  - rule: behind_pace\n"
    commit(0, first, [("okr.yaml", config)] + [
        (f"okrs/2026-Q3/team-{t}.yaml", quarter_file(t, 0)) for t in range(1, teams + 1)])
    visits = [0] * (teams + 1)
    team = 0
    for number in range(1, commits):
        files = []
        for _ in range(per_commit):
            team = team % teams + 1
            visits[team] += 1
            files.append((f"okrs/2026-Q3/team-{team}.yaml", quarter_file(team, visits[team])))
        commit(number, first + timedelta(days=1 + number * 90 // commits), files)
    out.close()
    if stream.wait() != 0:
        sys.exit("git fast-import failed")
    subprocess.run(["git", "-C", folder, "checkout", "-q", "-f", "main"], check=True)


if __name__ == "__main__":
    main()
