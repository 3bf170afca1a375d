# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one script runner of the simulator: console text (a scheduler's ``on-event``, a ``/system/script`` source, an
``/import`` file) run against the router's own menus, the way the console runs it.

Parsed here, independently of the collection's code (the simulator must not share the client's idea of the syntax):

- statements end at a newline or ``;``; ``\\`` at the end of a line continues it (also inside quotes, as exports
  write long values); ``#`` starts a comment where a statement starts; ``{ ... }`` groups statements;
- a command is a path and a command word, with spaces (``/ip firewall filter add``) or slashes
  (``/ip/firewall/filter/add``), absolute (``/``) or relative to the current path; a path alone (``/ip address``, as
  exports write it) changes the current path for the lines after it; ``..`` goes up;
- arguments ``name=value`` (the value a word, a ``"quoted"`` text with ``\\"``, ``\\\\``, ``\\n``, ``\\r``,
  ``\\t``, ``\\$``, ``\\?`` and ``\\XX`` hex escapes, ``$variable``, ``[command]`` or a ``{block}``) and unnamed
  arguments (the first of ``set``, ``remove``, ``enable``, ``disable``, ``comment``, ``move``, ``get`` is
  ``numbers``): ``*5``, a name, a console number (``0``: the first printed row), or ``[find ...]``;
- ``find`` with ``where`` (``where comment="x" and !disabled``, ``=``, ``!=``, ``~`` (regex), ``<``, ``>``, ``and``,
  ``or``, ``not``/``!``, parentheses, a bare field as a boolean) or with ``name=value`` arguments (all equal);
  ``get`` of a field (``[/system identity get name]``);
- ``:delay`` (``:delay 2s``, ``delay-time=``), ``:log info|warning|error|debug "text"``, ``:put``, ``:local``,
  ``:global``, ``:set``, ``:do { } on-error={ }``, ``:if (condition) do={ } else={ }`` (comparisons of values,
  ``&&``, ``||``, ``!``), ``:len``, ``:return``, ``:error``.

Anything else is ``bad command name X (line L column C)``; an unterminated quote or block is ``syntax error``. A
command that traps ends the script with the trap's message (unless in ``:do ... on-error=``). :func:`Runner.run` is a
generator: it yields the seconds of each ``:delay`` (the caller waits on the simulator's clock)."""

import re

from . import values as V
from .values import Trap

NUMBERS_FIRST = frozenset(("set", "remove", "enable", "disable", "comment", "move", "get", "unset", "reset",
                           "export", "monitor", "edit", "reset-counters", "reset-mac-address", "run"))
LOG_LEVELS = {"info": "script,info", "warning": "script,warning", "error": "script,error", "debug": "script,debug"}


class ScriptError(Exception):
    def __init__(self, message, line=None, column=None):
        Exception.__init__(self, message)
        self.message = message
        self.line = line
        self.column = column

    def text(self):
        if self.line is None:
            return self.message
        return "%s (line %d column %d)" % (self.message, self.line, self.column)


class Return(Exception):
    def __init__(self, value):
        Exception.__init__(self, "return")
        self.value = value


# ---------------------------------------------------------------------------------------------------------
# parsing: text -> statements; a statement is a list of arguments; an argument is a list of pieces


class Piece:
    __slots__ = ("kind", "value")  # kind: text (plain), quoted, var, subst (statements), block (statements)

    def __init__(self, kind, value):
        self.kind = kind
        self.value = value


class Arg:
    __slots__ = ("pieces", "line", "column")

    def __init__(self, pieces, line, column):
        self.pieces = pieces
        self.line = line
        self.column = column

    def plain(self):
        """The argument's text when it is plain text only (a command or path word), else None."""
        if all(p.kind == "text" for p in self.pieces):
            return "".join(p.value for p in self.pieces)
        return None

    def split(self):
        """(name, value pieces) for ``name=value`` (the ``=`` in the leading plain text), else (None, pieces)."""
        if self.pieces and self.pieces[0].kind == "text":
            head = self.pieces[0].value
            i = head.find("=")
            if i > 0 and re.match(r"^[A-Za-z.!][\w.\-/]*$", head[:i]):
                rest = head[i + 1:]
                pieces = ([Piece("text", rest)] if rest else []) + self.pieces[1:]
                return head[:i], pieces
        return None, self.pieces


class Parser:
    def __init__(self, text):
        self.text = text.replace("\r\n", "\n")
        self.pos = 0
        self.line = 1
        self.col = 1

    def error(self, message="syntax error"):
        return ScriptError(message, self.line, self.col)

    def peek(self, n=0):
        i = self.pos + n
        return self.text[i] if i < len(self.text) else ""

    def advance(self, n=1):
        for _n in range(n):
            if self.pos >= len(self.text):
                return
            if self.text[self.pos] == "\n":
                self.line += 1
                self.col = 1
            else:
                self.col += 1
            self.pos += 1

    def continuation(self):
        """``\\`` + newline (+ the next line's indentation) joins two lines."""
        if self.peek() == "\\" and self.peek(1) == "\n":
            self.advance(2)
            while self.peek() in (" ", "\t"):
                self.advance()
            return True
        return False

    def skip_blank(self):
        while True:
            if self.continuation():
                continue
            c = self.peek()
            if c in (" ", "\t", "\r"):
                self.advance()
            else:
                return

    def parse(self, closing=""):
        """Statements up to ``closing`` (``}`` or ``]``) or the end."""
        statements = []
        while True:
            self.skip_blank()
            c = self.peek()
            if c == "":
                if closing:
                    raise self.error("expected closing brace" if closing == "}" else "syntax error")
                return statements
            if c == closing:
                self.advance()
                return statements
            if c in ("\n", ";"):
                self.advance()
                continue
            if c == "#":
                while self.peek() not in ("\n", ""):
                    self.advance()
                continue
            statements.append(self.statement(closing))

    def statement(self, closing):
        args = []
        while True:
            self.skip_blank()
            c = self.peek()
            if c in ("", "\n", ";") or (closing and c == closing):
                return args
            args.append(self.argument(closing))

    def argument(self, closing):
        line, column = self.line, self.col
        if self.peek() == "{":
            self.advance()
            return Arg([Piece("block", self.parse("}"))], line, column)
        pieces = []
        text = []

        def flush():
            if text:
                pieces.append(Piece("text", "".join(text)))
                del text[:]

        while True:
            if self.continuation():
                continue
            c = self.peek()
            if c in ("", " ", "\t", "\r", "\n", ";") or (closing and c == closing):
                break
            if c == '"':
                flush()
                pieces.append(Piece("quoted", self.quoted()))
            elif c == "[":
                flush()
                self.advance()
                pieces.append(Piece("subst", self.parse("]")))
            elif c == "{":
                flush()
                self.advance()
                pieces.append(Piece("block", self.parse("}")))
            elif c == "(":
                flush()
                pieces.append(Piece("expr", self.expression()))
            elif c == "$" and re.match(r"[A-Za-z_\d]", self.peek(1) or " "):
                flush()
                self.advance()
                name = []
                while re.match(r"[\w\-]", self.peek() or " "):
                    name.append(self.peek())
                    self.advance()
                pieces.append(Piece("var", "".join(name)))
            else:
                text.append(c)
                self.advance()
        flush()
        return Arg(pieces, line, column)

    def quoted(self):
        self.advance()  # the opening quote
        out = []
        while True:
            c = self.peek()
            if c == "":
                raise self.error()
            if c == '"':
                self.advance()
                return "".join(out)
            if c == "\\":
                if self.continuation():
                    continue
                nxt = self.peek(1)
                esc = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\", "$": "$", "?": "?", "_": " ",
                       "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
                if nxt in esc:
                    out.append(esc[nxt])
                    self.advance(2)
                    continue
                hexa = self.text[self.pos + 1:self.pos + 3]
                if re.match(r"^[0-9A-Fa-f]{2}$", hexa):
                    out.append(chr(int(hexa, 16)))
                    self.advance(3)
                    continue
                raise self.error()
            out.append(c)
            self.advance()

    def expression(self):
        """``( ... )``: the raw text of a condition, evaluated by :func:`Runner.condition`."""
        depth = 0
        start = self.pos
        quote = False
        while True:
            c = self.peek()
            if c == "":
                raise self.error()
            if c == '"' and self.text[self.pos - 1:self.pos] != "\\":
                quote = not quote
            elif not quote:
                if c == "(":
                    depth += 1
                elif c == ")":
                    depth -= 1
                    if depth == 0:
                        self.advance()
                        return self.text[start + 1:self.pos - 1]
            self.advance()


def parse(text):
    return Parser(text).parse()


# ---------------------------------------------------------------------------------------------------------
# running


class Session:
    """What the router asks of the session a script runs in (its user)."""

    def __init__(self, user):
        self.user = user


class Runner:
    def __init__(self, router, user="admin", variables=None, extras=None):
        self.router = router
        # commands answered outside the router's menus (/import, /system/script/run, /safe-mode, /undo ...):
        # an object with words(router) and run(runner, cmd), a generator like the statements (lockout.py)
        self.extras = extras
        self.user = user
        self.session = Session(user)
        self.variables = variables if variables is not None else {}
        self.output = []
        self.cwd = [""]  # the current path ("" = the root), a list so that a path line changes it in place
        self.command_arg = None  # the argument that named the command being run (for an error's column)

    # --- values

    def value(self, pieces):
        """The text of an argument's value (a list of pieces); a ``[command]`` gives its result."""
        if len(pieces) == 1 and pieces[0].kind == "subst":
            return self.substitute(pieces[0].value)
        out = []
        for p in pieces:
            if p.kind in ("text", "quoted"):
                out.append(p.value)
            elif p.kind == "var":
                if p.value not in self.variables:
                    out.append("")
                else:
                    out.append(text_of(self.variables[p.value]))
            elif p.kind == "subst":
                out.append(text_of(self.substitute(p.value)))
            elif p.kind == "expr":
                out.append(text_of(self.condition(p.value)))
            elif p.kind == "block":
                out.append("")
        return "".join(out)

    def substitute(self, statements):
        """``[ ... ]``: run in the current path (``[find]`` finds in the menu of the line)."""
        result = None
        saved = self.cwd
        try:
            for st in statements:
                result = drain(self.statement(st, [saved[0]]))
        finally:
            self.cwd = saved
        return result

    # --- statements

    def run(self, statements, path=None):
        """Run ``statements`` (from :func:`parse`); a generator yielding the seconds of each delay."""
        cwd = path if path is not None else [self.cwd[0]]
        saved = self.cwd
        try:
            for st in statements:
                self.cwd = cwd
                yield from self.statement(st, cwd)
        finally:
            self.cwd = saved

    def statement(self, args, cwd):
        if not args:
            return None
        first = args[0]
        if len(first.pieces) == 1 and first.pieces[0].kind == "block":
            inner = list(cwd)
            yield from self.run(first.pieces[0].value, inner)
            return None
        word = first.plain()
        if word is None:
            raise ScriptError("syntax error", first.line, first.column)
        if word.startswith(":"):
            return (yield from self.builtin(word[1:], args[1:], first))
        return (yield from self.command(args, cwd))

    def command(self, args, cwd):
        router = self.router
        first = args[0]
        words = []
        rest = list(args)
        path = list(cwd[0].strip("/").split("/")) if cwd[0].strip("/") else []
        head = first.plain() or ""
        if head.startswith("/"):
            path = []
            head = head[1:]
            if head:
                rest[0] = Arg([Piece("text", head)], first.line, first.column)
            else:
                rest = rest[1:]
        # path words (and slash-separated ones), then the command word
        command = None
        command_arg = first
        while rest:
            a = rest[0]
            w = a.plain()
            if w is None or "=" in w:
                break
            parts = [p for p in w.split("/") if p]
            ok = True
            trial = list(path)
            for n, p in enumerate(parts):
                if p == "..":
                    if trial:
                        trial.pop()
                    continue
                if "/" + "/".join(trial + [p]) in router.dirs and not self.is_command(trial, p):
                    trial.append(p)
                elif n == len(parts) - 1:
                    command = p
                    command_arg = a
                else:
                    ok = False
                    break
            if not ok:
                raise ScriptError("bad command name %s" % w, a.line, a.column)
            path = trial
            words.append(w)
            rest = rest[1:]
            if command is not None:
                break
        if command is None:
            if rest:
                w = rest[0].plain() or ""
                raise ScriptError("bad command name %s" % w, rest[0].line, rest[0].column)
            cwd[0] = "/" + "/".join(path)  # a path alone: the following lines run there
            return None
        self.command_arg = command_arg
        return (yield from self.call("/" + "/".join(path), command, rest, first))

    def is_command(self, path, word):
        """``word`` after ``path`` is a command of that menu (not a sub-menu): add, set, print, find, ..."""
        menu = self.router.menus.get("/" + "/".join(path)) if path else None
        if menu is None:
            return False
        return word in menu.verbs or word in ("find", "get", "print")

    def call(self, path, command, args, where):
        """Run ``command`` of ``path``; its arguments' ``[ ]`` run in that path (``remove [find ...]``)."""
        saved = self.cwd
        self.cwd = [path]
        try:
            return (yield from self.call_here(path, command, args, where))
        finally:
            self.cwd = saved

    def call_here(self, path, command, args, where):
        word = path.rstrip("/") + "/" + command if path != "/" else "/" + command
        if command not in ("find", "get", "print"):
            self.check_command(word)
        attrs = {}
        positional = []
        for a in args:
            name, pieces = a.split()
            bare = a.plain()
            if name is None and bare and re.match(r"^![a-z][\w\-]*$", bare):
                if command != "add":  # an export's "!field": the property has no value (unset)
                    attrs[bare] = []
            elif name is None:
                positional.append(a)
            else:
                attrs[name] = pieces
        if command == "find":
            return (yield from self.find(path, args, where))
        if command == "get":
            return (yield from self.get(path, positional, attrs, where))
        values = {}
        for name, pieces in attrs.items():
            if name.startswith("!"):
                values[name] = ""
                continue
            values[name] = text_of(self.value(pieces)) if pieces else ""
        if positional:
            if command in NUMBERS_FIRST and "numbers" not in values:
                values["numbers"] = self.numbers(path, positional[0])
                positional = positional[1:]
            if command == "import" and "file-name" not in values and positional:
                values["file-name"] = text_of(self.value(positional[0].pieces))
                positional = positional[1:]
            if positional:
                raise ScriptError("expected end of command", positional[0].line, positional[0].column)
        if command == "print":
            return None  # console output: nothing to do here
        result = yield from self.execute(word, values, where)
        return result

    def execute(self, word, values, where):
        """Run one command of the router; a Trap ends the script (a ScriptError at the command)."""
        router = self.router
        from .router import Command
        cmd = Command(word, values, [], None)
        try:
            if self.extras is not None and word in self.extras.words(router):
                result = yield from self.extras.run(self, cmd)
                return result
            if word in router.specials or word in _files_commands(router):
                return self.special(cmd)
            try:
                menu, verb = router.lookup(word)
            except Trap:
                at = getattr(self, "command_arg", None) or where
                raise ScriptError("bad command name %s" % word.rsplit("/", 1)[-1], at.line, at.column)
            if menu is None:
                return self.special(cmd)
            if not router.allowed(self.user, verb):
                raise Trap("not enough permissions (9)")
            res = router.run(cmd, self.session)
        except Trap as trap:
            raise ScriptError(trap.traps[0][0], where.line, where.column)
        if res is not None and res.done and "ret" in res.done:
            return res.done["ret"]
        return None

    def check_command(self, word):
        """``bad command name`` (at the command's word) for a command the router does not have."""
        router = self.router
        if (self.extras is not None and word in self.extras.words(router)) or word in router.specials or \
                word in _files_commands(router):
            return
        try:
            router.lookup(word)
        except Trap:
            at = self.command_arg
            raise ScriptError("bad command name %s" % word.rsplit("/", 1)[-1], at.line, at.column)

    def special(self, cmd):
        from . import files as rosim_files
        if cmd.word in rosim_files.commands(self.router):
            res = rosim_files.run(self.router, cmd, self.user)
            return res.done.get("ret") if res is not None and res.done else None
        raise ScriptError("bad command name %s" % cmd.word.rsplit("/", 1)[-1])

    # --- find / get / numbers

    def menu(self, path, where):
        menu = self.router.menus.get(path)
        if menu is None:
            raise ScriptError("bad command name %s" % path.rsplit("/", 1)[-1], where.line, where.column)
        return menu

    def find(self, path, args, where):
        menu = self.menu(path, where)
        conds = []
        expr = None
        for n, a in enumerate(args):
            if a.plain() == "where":
                expr = args[n + 1:]
                break
            name, pieces = a.split()
            if name is None:
                raise ScriptError("expected end of command", a.line, a.column)
            conds.append((name, text_of(self.value(pieces))))
        tokens = self.tokens(expr) if expr else None
        ids = []
        for row in self.router.rows(menu, None):
            if any(not field_equal(row.get(k), v) for k, v in conds):
                continue
            if tokens is not None and not truthy(Where(self, tokens, row).parse()):
                continue
            ids.append(row.get(".id"))
        return [i for i in ids if i is not None]
        yield  # a generator like every statement

    def get(self, path, positional, attrs, where):
        menu = self.menu(path, where)
        names = list(positional)
        field = None
        item_row = None
        if menu.kind in ("single", "ro-single"):
            if names:
                field = text_of(self.value(names[-1].pieces))
            item_row = menu.render(self.router.single(menu), self.router)
        else:
            if len(names) < 2 and "number" not in attrs:
                raise ScriptError("expected end of command", where.line, where.column)
            target = self.numbers(path, names[0])
            field = text_of(self.value(names[1].pieces)) if len(names) > 1 else None
            ids = target.split(",")
            item = self.router.table(menu.table).by_id.get(ids[0]) if ids and ids[0] else None
            if item is None:
                raise ScriptError("no such item", where.line, where.column)
            item_row = menu.render(item, self.router)
        if field is None:
            return item_row
        return item_row.get(field, "")
        yield  # a generator like every statement

    def numbers(self, path, arg):
        """An unnamed item argument: ids, names, console numbers or the result of ``[find]``."""
        value = self.value(arg.pieces)
        if isinstance(value, list):
            return ",".join(value)
        out = []
        menu = self.router.menus.get(path)
        for token in [t for t in str(value).split(",") if t]:
            if token.isdigit() and menu is not None and menu.kind in ("list", "ro-list"):
                rows = list(self.router.rows(menu, None))
                n = int(token)
                if n >= len(rows):
                    raise ScriptError("no such item", arg.line, arg.column)
                out.append(rows[n][".id"])
            else:
                out.append(token)
        return ",".join(out)

    # --- builtins (:delay, :log, ...)

    def builtin(self, name, args, where):
        router = self.router
        named = {}
        positional = []
        for a in args:
            n, pieces = a.split()
            if n is None:
                positional.append(a)
            else:
                named[n] = pieces
        if name == "delay":
            text = text_of(self.value(named["delay-time"])) if "delay-time" in named else (
                text_of(self.value(positional[0].pieces)) if positional else "1s")
            ms = V.duration_ms(text)
            if ms is None:
                raise ScriptError("invalid value for argument delay-time", where.line, where.column)
            yield ms / 1000.0
            return None
        if name == "log":
            if not positional:
                raise ScriptError("bad command name log", where.line, where.column)
            level = positional[0].plain() or ""
            if level not in LOG_LEVELS:
                raise ScriptError("bad command name %s" % level, positional[0].line, positional[0].column)
            msg = named.get("message")
            text = text_of(self.value(msg)) if msg is not None else (
                text_of(self.value(positional[1].pieces)) if len(positional) > 1 else "")
            router.log(LOG_LEVELS[level], text)
            return None
        if name == "put":
            self.output.append(text_of(self.value(positional[0].pieces)) if positional else "")
            return None
        if name in ("local", "global", "set"):
            if not positional:
                raise ScriptError("syntax error", where.line, where.column)
            var = positional[0].plain() or ""
            if name == "set" and var not in self.variables:
                raise ScriptError("no such variable %s" % var, where.line, where.column)
            self.variables[var] = self.value(positional[1].pieces) if len(positional) > 1 else ""
            return None
        if name == "do":
            body = positional[0].pieces[0].value if positional and positional[0].pieces and \
                positional[0].pieces[0].kind == "block" else None
            if body is None and "command" in named and named["command"][0].kind == "block":
                body = named["command"][0].value
            if body is None:
                raise ScriptError("syntax error", where.line, where.column)
            handler = named.get("on-error")
            try:
                yield from self.run(body)
            except ScriptError:
                if handler is None:
                    raise
                if handler and handler[0].kind == "block":
                    yield from self.run(handler[0].value)
            return None
        if name == "if":
            if not positional or positional[0].pieces[0].kind != "expr":
                raise ScriptError("syntax error", where.line, where.column)
            ok = truthy(self.condition(positional[0].pieces[0].value))
            branch = named.get("do" if ok else "else")
            if branch and branch[0].kind == "block":
                yield from self.run(branch[0].value)
            return None
        if name == "len":
            value = self.value(positional[0].pieces) if positional else ""
            return str(len(value)) if isinstance(value, list) else str(len(text_of(value)))
        if name == "return":
            raise Return(self.value(positional[0].pieces) if positional else "")
        if name == "error":
            msg = named.get("message")
            text = text_of(self.value(msg)) if msg is not None else (
                text_of(self.value(positional[0].pieces)) if positional else "")
            raise ScriptError(text, where.line, where.column)
        raise ScriptError("bad command name %s" % name, where.line, where.column)

    # --- conditions

    def tokens(self, args):
        """Where-expression tokens from arguments (``comment="x"`` is three tokens)."""
        out = []
        for a in args:
            for p in a.pieces:
                if p.kind == "text":
                    out.extend(t for t in re.findall(r"!=|<=|>=|&&|\|\||[=~<>()!]|[^\s=~<>()!&|]+", p.value))
                elif p.kind == "expr":
                    out.append("(")
                    out.extend(self.tokens([Arg(parse_inline(p.value), a.line, a.column)]))
                    out.append(")")
                else:
                    out.append(Literal(self.value([p])))
        return out

    def condition(self, text):
        """The value of a ``( ... )`` condition of ``:if``."""
        pieces = parse_inline(text)
        tokens = self.tokens([Arg(pieces, None, None)])
        return Where(self, tokens, None).parse()


class Literal:
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


def parse_inline(text):
    """The pieces of a condition's text (quotes, variables, substitutions kept)."""
    p = Parser(text)
    pieces = []
    while p.peek():
        if p.peek() in (" ", "\t", "\n"):
            pieces.append(Piece("text", " "))
            p.advance()
            continue
        arg = p.argument("")
        pieces.extend(arg.pieces)
    return pieces


class Where:
    """``where`` expressions and ``:if`` conditions: ``or`` < ``and`` < ``not`` < comparison."""

    def __init__(self, runner, tokens, row):
        self.runner = runner
        self.tokens = tokens
        self.i = 0
        self.row = row

    def peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self):
        t = self.peek()
        self.i += 1
        return t

    def parse(self):
        value = self.disjunction()
        return value

    def disjunction(self):
        left = self.conjunction()
        while self.peek() in ("or", "||"):
            self.take()
            right = self.conjunction()
            left = truthy(left) or truthy(right)
        return left

    def conjunction(self):
        left = self.negation()
        while self.peek() in ("and", "&&"):
            self.take()
            right = self.negation()
            left = truthy(left) and truthy(right)
        return left

    def negation(self):
        if self.peek() in ("not", "!"):
            self.take()
            return not truthy(self.negation())
        return self.comparison()

    def comparison(self):
        left = self.operand()
        op = self.peek()
        if op in ("=", "!=", "~", "<", ">", "<=", ">="):
            self.take()
            right = self.operand(field=False)
            lv, rv = text_of(left), text_of(right)
            if op == "=":
                return field_equal(lv, rv)
            if op == "!=":
                return not field_equal(lv, rv)
            if op == "~":
                return re.search(rv, lv or "") is not None
            try:
                a, b = float(lv), float(rv)
            except ValueError:
                a, b = lv, rv
            return {"<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[op]
        return left

    def operand(self, field=True):
        t = self.take()
        if t is None:
            raise ScriptError("syntax error")
        if t == "(":
            value = self.disjunction()
            if self.take() != ")":
                raise ScriptError("syntax error")
            return value
        if isinstance(t, Literal):
            return t.value
        if field and self.row is not None:
            # a field of the row: its value (a bare boolean field is true when printed true)
            value = self.row.get(t)
            if self.peek() in ("=", "!=", "~", "<", ">", "<=", ">="):
                return value if value is not None else ""
            return value == "true" or value == "yes"
        if t in ("true", "yes"):
            return True
        if t in ("false", "no"):
            return False
        return t


def field_equal(a, b):
    if a is None:
        a = ""
    if a == b:
        return True
    booleans = {"yes": "true", "no": "false", "true": "true", "false": "false"}
    if a in booleans and b in booleans:
        return booleans[a] == booleans[b]
    return False


def truthy(value):
    if isinstance(value, bool):
        return value
    if isinstance(value, list):
        return bool(value)
    return value not in (None, "", "false", "no", "0")


def text_of(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(text_of(v) for v in value)
    if isinstance(value, dict):
        return ";".join("%s=%s" % kv for kv in value.items())
    return str(value)


def drain(gen):
    """Run a statement that must not wait (inside ``[ ]``): delays there are skipped."""
    try:
        while True:
            next(gen)
    except StopIteration as stop:
        return stop.value


def _files_commands(router):
    from . import files as rosim_files
    return rosim_files.commands(router)


def run_text(router, text, user="admin", extras=None):
    """Parse and run ``text``; a generator of delays. Raises ScriptError (with its line and column)."""
    statements = parse(text)
    runner = Runner(router, user, extras=extras)
    try:
        yield from runner.run(statements)
    except Return:
        return
