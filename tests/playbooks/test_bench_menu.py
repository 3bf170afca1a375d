# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""benchmarks/bench_menu.py runs (our side, small sizes) and what it measures holds: the churn changes exactly the
churned entries, the second pass is unchanged in one read, the 30-menu baseline converges and is then unchanged.
No timing is asserted; the figures are in docs/performance.md."""

import importlib.util
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_menu.py"


def load_bench():
    sys.path.insert(0, str(BENCH.parent))
    spec = importlib.util.spec_from_file_location("bench_menu", str(BENCH))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def by_task(result):
    return dict((r["task"], r) for r in result["rows"])


def test_address_list_churn_small():
    bench = load_bench()
    for contender in ("tikops", "tikops-config"):
        rows = by_task(bench.run_one("address-list", contender, 5, 800, sys.executable, 300))
        churn, again = rows["churn 1%"], rows["unchanged"]
        assert churn["changed"] is True and again["changed"] is False
        # 800 entries, 1 %: 4 removed + 4 added, besides the login, the read (version + print) and the read-back
        assert churn["commands"] == 1 + 2 + 8 + 2
        # round trips are not asserted here: how sends group depends on when replies arrive
        assert again["commands"] == 2


def test_baseline_thirty_menus():
    bench = load_bench()
    assert len(set(path for path, config, where in bench.BASELINE)) == 30
    rows = dict((r["task"], r) for r in bench.summarize(
        bench.run_one("baseline", "tikops", 5, 0, sys.executable, 300)["rows"], "baseline"))
    assert rows["converge (1 task)"]["changed"] is True
    unchanged = rows["unchanged (1 task)"]
    assert unchanged["changed"] is False
    # the version and 36 prints, read together: the first 32 (max_in_flight) in one send, the other 5 each as soon
    # as a reply frees a place, alone or together, depending on when replies arrive
    assert unchanged["commands"] == 37 and 2 <= unchanged["round_trips"] <= 6


def test_ratio_lines_are_peer_over_ours():
    bench = load_bench()

    def run(contender, seconds, commands, trips, total, rss, timed_out=False):
        return dict(scenario="address-list", contender=contender, total=total, maxrss_mb=rss, timed_out=timed_out,
                    rows=[dict(task="churn 1%", seconds=seconds, commands=commands, round_trips=trips)])

    lines = bench.ratio_lines([run("tikops", 2.0, 100, 4, 10.0, 100.0),
                               run("community.routeros", 6.0, 50, 48, 35.0, 150.0)])
    assert lines[0].strip() == "address-list: community.routeros / tikops (above 1: the peer needed more)"
    assert lines[1].split() == ["churn", "1%", "time", "3.00x", "commands", "0.50x", "round", "trips", "12.00x"]
    assert lines[2].split() == ["whole", "run", "time", "3.50x", "peak", "memory", "1.50x"]
    # a peer that did not finish has no ratio
    assert bench.ratio_lines([run("tikops", 2.0, 100, 4, 10.0, 100.0),
                              run("community.routeros", 6.0, 50, 48, 35.0, 150.0, timed_out=True)]) == []
