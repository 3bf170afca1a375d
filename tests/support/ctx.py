"""What a module's ``run(ctx)`` gets from the action plugin, for tests that call ``run`` directly."""


class Ctx:
    """``params`` (resource-module defaults: no config, state merged), ``check_mode``, ``diff``, ``session`` and
    ``warn``, which collects into ``warnings``."""

    def __init__(self, session, check_mode=False, diff=False, opener=None, **params):
        self.session = session
        self.opener = opener
        self.params = dict(config=None, state="merged", running_config=None)
        self.params.update(params)
        self.check_mode = check_mode
        self.diff = diff
        self.warnings = []

    def warn(self, msg):
        self.warnings.append(msg)

    def reopen(self):
        """What the action plugin's context does after a lost connection: a new session (``opener`` given)."""
        if self.opener is None:
            from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import ConnectionLost

            raise ConnectionLost("this test gave no way to connect again")
        self.session = self.opener()
        return self.session


class NoRouter(Ctx):
    """A ctx whose session must never be opened (rendered, parsed, bad input): opening it fails the test."""

    def __init__(self, **params):
        Ctx.__init__(self, None, **params)

    @property
    def session(self):
        raise AssertionError("this state must not connect")

    @session.setter
    def session(self, value):
        if value is not None:
            raise AssertionError("this state must not connect")
