# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The scheduler running scripts on the simulator's clock, the script runner, /system/script/run and /import, over
real sockets: one simulator for the module; time passes with /rosim/clock, never by waiting."""

import contextlib
import os
import time

import pytest
from simraw import Raw, rows, traps

from support.rosim import Simulator

EXPORTS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "exports")


@pytest.fixture(scope="module")
def sim():
    with Simulator(version="7.18", identity="sched") as s:
        yield s


@contextlib.contextmanager
def session(sim):
    with Raw(sim.host, sim.port) as r:
        r.login()
        yield r


def wait_for(check, what):
    deadline = time.monotonic() + 10
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("never happened: %s" % what)
        time.sleep(0.02)


def filters(r):
    return {x.get("comment"): x for x in rows(r.call("/ip/firewall/filter/print"))}


def now_and_later(r, seconds):
    """The router's date and time ``seconds`` from now, as a scheduler entry takes them (7.10+ forms)."""
    ts = float(r.call("/rosim/clock")[-1].attrs["ret"]) + seconds
    t = time.gmtime(ts)
    return time.strftime("%Y-%m-%d", t), time.strftime("%H:%M:%S", t)


def test_a_revert_script_runs_at_its_time_and_removes_its_own_entry(sim):
    with session(sim) as r:
        r.call("/ip/firewall/filter/add", "=chain=input", "=action=accept", "=comment=keep-me", "=disabled=yes")
        r.call("/ip/firewall/filter/add", "=chain=forward", "=action=drop", "=comment=risky")
        addr = r.call("/ip/address/add", "=address=10.66.0.1/24", "=interface=ether3")[-1].attrs["ret"]
        script = "\n".join([
            '/ip/firewall/filter/remove [find where comment="risky"]',
            ':delay 30s',
            '/ip firewall filter add chain=input action=accept protocol=tcp dst-port=8728 comment="restored \\"api\\""',
            '/ip/firewall/filter/set [find comment=keep-me] disabled=no; /ip/address/set numbers=%s address=10.66.0.2/24'
            % addr,
            ':log info "revert done"',
            '/system/scheduler/remove [find name=revert]',
        ])
        date, at = now_and_later(r, 120)
        assert traps(r.call("/system/scheduler/add", "=name=revert", "=start-date=" + date, "=start-time=" + at,
                            "=interval=0s", "=on-event=" + script)) == []
        wait_for(lambda: rows(r.call("/system/scheduler/print", "?name=revert"))[0]["next-run"], "next-run shown")
        entry = rows(r.call("/system/scheduler/print", "?name=revert"))[0]
        assert entry["next-run"] == "%s %s" % (date, at) and entry["run-count"] == "0"
        r.call("/rosim/clock", "=advance=60s")  # not due yet
        assert "risky" in filters(r)
        r.call("/rosim/clock", "=advance=61s")  # due: the script runs up to its :delay
        wait_for(lambda: "risky" not in filters(r), "the first line ran")
        assert rows(r.call("/system/scheduler/print", "?name=revert"))[0]["run-count"] == "1"
        assert not any(c and c.startswith("restored") for c in filters(r))  # still in :delay
        r.call("/rosim/clock", "=advance=30s")
        wait_for(lambda: rows(r.call("/system/scheduler/print", "?name=revert")) == [], "the entry removed itself")
        got = filters(r)
        assert got['restored "api"']["dst-port"] == "8728" and got["keep-me"]["disabled"] == "false"
        assert rows(r.call("/ip/address/print", "?.id=" + addr))[0]["address"] == "10.66.0.2/24"
        assert any(x.get("message") == "revert done" for x in rows(r.call("/log/print")))
        actions = [h["action"] for h in rows(r.call("/system/history/print"))[:5]]
        assert actions[0] == "scheduled task removed" and "filter rule removed" in actions
        for comment in ("keep-me", 'restored "api"'):
            r.call("/ip/firewall/filter/remove", "=numbers=" + got[comment][".id"])
        r.call("/ip/address/remove", "=numbers=" + addr)


def test_an_interval_entry_runs_a_named_script_each_time(sim):
    with session(sim) as r:
        r.call("/system/script/add", "=name=count", "=source=/ip firewall address-list add list=ticks address=10.5.5.$n"
               .replace("$n", "1") + "; :log info tick")
        r.call("/system/scheduler/add", "=name=every", "=interval=1h", "=start-time=startup", "=on-event=count")
        r.call("/rosim/clock", "=advance=1h5s")  # past boot + 3 s + 1 h
        wait_for(lambda: len(rows(r.call("/ip/firewall/address-list/print", "?list=ticks"))) == 1, "first run")
        # the second run fails (the same entry again): the error is logged, the entry keeps running
        r.call("/rosim/clock", "=advance=1h")
        wait_for(lambda: rows(r.call("/system/scheduler/print", "?name=every"))[0]["run-count"] == "2", "second")
        wait_for(lambda: any("already have such entry (line 1 column 1)" in x.get("message", "")
                             for x in rows(r.call("/log/print"))), "the error logged")
        assert rows(r.call("/system/script/print", "?name=count"))[0]["run-count"] == "2"
        r.call("/system/scheduler/remove", "=numbers=every")
        r.call("/system/script/remove", "=numbers=count")
        ids = [x[".id"] for x in rows(r.call("/ip/firewall/address-list/print", "?list=ticks"))]
        r.call("/ip/firewall/address-list/remove", "=numbers=" + ",".join(ids))


def test_script_run_and_the_runner_s_syntax(sim):
    with session(sim) as r:
        source = "\n".join([
            "# a comment line",
            ":local name \"via-script\"",
            "/interface bridge",
            "add name=$name \\",
            "    comment=\"two lines\"",
            ":if ([:len [find where name=$name]] > 0) do={ :log info \"bridge there\" } else={ :error \"missing\" }",
            ":do { /interface bridge add name=$name } on-error={ :log warning \"duplicate refused\" }",
            "/ip address add address=10.67.0.1/24 interface=[/interface bridge get [find name=$name] name]",
            "/system identity set name=sched-x",
        ])
        r.call("/system/script/add", "=name=syntax", "=source=" + source)
        assert traps(r.call("/system/script/run", "=number=syntax")) == []
        bridge = rows(r.call("/interface/bridge/print", "?name=via-script"))
        assert bridge and bridge[0]["comment"] == "two lines"
        assert rows(r.call("/ip/address/print", "?address=10.67.0.1/24"))[0]["interface"] == "via-script"
        messages = [x.get("message") for x in rows(r.call("/log/print"))]
        assert "bridge there" in messages and "duplicate refused" in messages
        assert rows(r.call("/system/identity/print"))[0]["name"] == "sched-x"
        r.call("/system/script/add", "=name=bad", "=source=/ip address add address=10.68.0.1/24\n/ip frobnicate")
        assert traps(r.call("/system/script/run", "=number=bad")) == [
            ("value of interface must be specified (line 1 column 1)", None)]
        r.call("/system/script/set", "=numbers=bad", "=source=:log info ok\n/ip frobnicate x=1")
        want = [("bad command name frobnicate (line 2 column 5)", None)]
        assert traps(r.call("/system/script/run", "=number=bad")) == want
        r.call("/system/script/set", "=numbers=bad", "=source=:log info \"unterminated")
        assert traps(r.call("/system/script/run", "=number=bad"))[0][0].startswith("syntax error (line 1")
        r.call("/system/identity/set", "=name=sched")
        r.call("/ip/address/remove", "=numbers=" + rows(r.call("/ip/address/print", "?address=10.67.0.1/24"))[0][".id"])
        r.call("/interface/bridge/remove", "=numbers=via-script")
        r.call("/system/script/remove", "=numbers=syntax,bad")


def test_import_runs_a_file_and_stops_at_the_first_error(sim):
    with session(sim) as r:
        r.call("/ip/firewall/address-list/add", "=list=imp", "=address=10.1.1.3")
        text = "\n".join([
            "/ip firewall address-list",
            "add list=imp address=10.1.1.1 comment=\"first\"",
            "add list=imp address=10.1.1.2",
            "add list=imp address=10.1.1.3",
            "add list=imp address=10.1.1.4",
        ])
        assert traps(r.call("/file/add", "=name=imp.rsc", "=contents=" + text)) == []
        got = traps(r.call("/import", "=file-name=imp.rsc"))
        assert got == [("Script Error: failure: already have such entry (line 4 column 1)", "4")]
        listed = rows(r.call("/ip/firewall/address-list/print", "?list=imp"))
        assert sorted(x["address"] for x in listed) == ["10.1.1.1", "10.1.1.2", "10.1.1.3"]  # line 5 never ran
        assert traps(r.call("/import", "=file-name=nothing.rsc")) == [("failure: no such file", "4")]
        r.call("/ip/firewall/address-list/remove", "=numbers=" + ",".join(x[".id"] for x in listed))
        r.call("/file/set", "=numbers=imp.rsc", "=contents=/ip firewall address-list add list=imp address=10.1.1.9")
        assert traps(r.call("/import", "=file-name=imp.rsc", "=verbose=yes")) == []
        assert [x["address"] for x in rows(r.call("/ip/firewall/address-list/print", "?list=imp"))] == ["10.1.1.9"]
        r.call("/ip/firewall/address-list/remove", "=numbers=" + rows(r.call("/ip/firewall/address-list/print",
                                                                             "?list=imp"))[0][".id"])
        r.call("/file/remove", "=numbers=imp.rsc")


def test_import_of_a_real_export_with_a_multi_line_script(sim):
    with open(os.path.join(EXPORTS, "v7.1rc2-scheduler-script.rsc"), encoding="utf-8") as fh:
        text = fh.read()
    with session(sim) as r:
        assert traps(r.call("/file/add", "=name=sched-export.rsc", "=contents=" + text)) == []
        assert traps(r.call("/import", "=file-name=sched-export.rsc")) == []
        entry = rows(r.call("/system/scheduler/print", "?name=doPollingScripts"))[0]
        assert entry["on-event"] == (":global AT;\r\n:global atLTEINFO;\r\n:global lteinfo;\r\n\r\n"
                                     ":global AT do={/interface/lte/at-chat lte1 input=$1;};\r\n"
                                     ':global atLTEINFO [/interface/lte/at-chat lte1 input="AT!LTEINFO?" as-value];\r\n'
                                     ":global lteinfo do={ :put $atLTEINFO };")
        assert (entry["interval"], entry["start-time"]) == ("15s", "startup")
        r.call("/system/scheduler/remove", "=numbers=doPollingScripts")
        r.call("/file/remove", "=numbers=sched-export.rsc")


def test_import_on_routeros_6_has_no_script_error_prefix():
    """No socket needed: the wording of the router model itself (6.x has no /file/add to put the file)."""
    from ansible_collections.tikops.routeros.simulator.rosim import files, lockout
    from ansible_collections.tikops.routeros.simulator.rosim.router import Command, Router
    from ansible_collections.tikops.routeros.simulator.rosim.values import Trap
    router = Router(version="6.49.10")
    files.put_file(router, "six.rsc", b"/ip address\nadd address=10.3.3.1/24 interface=ether2\nadd address=10.3.3.1/24 "
                   b"interface=ether2\n", ".rsc file")
    with pytest.raises(Trap) as err:
        list(lockout.script_command(router, Command("/import", {"file-name": "six.rsc"}, [], None), "admin"))
    assert err.value.traps[0][0] == "failure: already have such address (line 3 column 1)"
    with pytest.raises(Trap) as err:
        list(lockout.script_command(router, Command("/import", {"file-name": "six.rsc", "dry-run": ""}, [], None),
                                    "admin"))
    assert err.value.traps == [("unknown parameter", None)]  # 6.x: file-name and verbose only


def test_the_next_run_is_worked_out_when_the_entry_is_added_or_changed():
    """No socket, the router's clock in the test's hand: an entry's time counts from when it was added or changed (a
    real router works out next-run then), not from when the ticker first looks at it; a clock advanced before any tick
    still finds the one-off entry due, and runs it once."""
    import asyncio

    from ansible_collections.tikops.routeros.simulator.rosim import scheduler as rosim_scheduler
    from ansible_collections.tikops.routeros.simulator.rosim.router import Command, Router

    clock = [1800000000.0]

    async def scenario():
        router = Router(version="7.18", clock=lambda: clock[0])
        sched = rosim_scheduler.scheduler(router)

        def at(seconds):
            t = time.gmtime(router.now() + seconds)
            return {"start-date": time.strftime("%Y-%m-%d", t), "start-time": time.strftime("%H:%M:%S", t)}

        def run(word, **attrs):
            return router.run(Command(word, attrs, [], None), None)

        def entry():
            return [i for i in router.table(router.menus["/system/scheduler"].table).items if i["name"] == "once"][0]

        def ran():
            return asyncio.gather(*[t for t in sched.running.values() if not t.done()])

        def messages():
            return [i["message"] for i in router.table("log").items if i["message"].startswith("ran")]

        when = at(60)
        run("/system/scheduler/add", name="once", interval="0s", **dict(when, **{"on-event": ':log info "ran once"'}))
        assert entry()["next-run"] == "%s %s" % (when["start-date"], when["start-time"])  # shown at once
        clock[0] += 1  # a second passes; the ticker has not looked yet
        sched.advance(120)  # past its time: it runs
        await ran()
        assert (messages(), entry()["run-count"]) == (["ran once"], "1")
        assert entry()["next-run"] == ""
        sched.advance(3600)  # a one-off runs once
        await ran()
        assert messages() == ["ran once"]
        # changed: the new time counts from the change, even when the ticker first looks after that time
        run("/system/scheduler/set", numbers=entry()[".id"], **dict(at(30), **{"on-event": ':log info "ran again"'}))
        clock[0] += 45
        sched.tick()
        await ran()
        assert messages() == ["ran once", "ran again"] and entry()["run-count"] == "2"
        # one set in the past when it is added never runs
        run("/system/scheduler/set", numbers=entry()[".id"], **dict(at(-10), **{"on-event": ':log info "ran late"'}))
        sched.advance(60)
        await ran()
        assert messages() == ["ran once", "ran again"] and entry()["next-run"] == ""

    asyncio.run(scenario())
