"""What a module's ``run(ctx)`` gets from the action plugin, for tests that call ``run`` directly."""


class Ctx:
    """``params`` (resource-module defaults: no config, state merged), ``check_mode``, ``diff``, ``session`` and
    ``warn``, which collects into ``warnings``."""

    def __init__(self, session, check_mode=False, diff=False, **params):
        self.session = session
        self.params = dict(config=None, state="merged", running_config=None)
        self.params.update(params)
        self.check_mode = check_mode
        self.diff = diff
        self.warnings = []

    def warn(self, msg):
        self.warnings.append(msg)
