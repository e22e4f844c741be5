# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Run one scheduled action through Odoo's own cron runner, and die in the middle of a batch.

Started by test_cron_workers.TestCronKilled in a process of its own, with one argument, a JSON
object: ``options`` (Odoo's command-line options: addons path, database connection), ``db``,
``cron_id``, and the hook: the method ``hook`` of model ``hook_model`` that does a batch's work.
At its ``kill_at``-th call, once it has done that work and the work is written in the batch's
transaction (flushed, not committed), the process kills itself with SIGKILL: no rollback, no
cleanup, the connection simply drops, as when a worker is killed by the system.
"""

import json
import os
import signal
import sys

import odoo
from odoo.modules.registry import Registry
from odoo.sql_db import db_connect


def main():
    spec = json.loads(sys.argv[1])
    odoo.tools.config.parse_config([*spec["options"], "--log-level=warn"])
    registry = Registry(spec["db"])
    model_class = registry[spec["hook_model"]]
    original = getattr(model_class, spec["hook"])
    calls = []

    def hook(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        calls.append(True)
        if len(calls) == spec["kill_at"]:
            self.env.flush_all()
            os.kill(os.getpid(), signal.SIGKILL)
        return result

    setattr(model_class, spec["hook"], hook)
    IrCron = registry["ir.cron"]
    db = db_connect(spec["db"])
    with db.cursor() as cron_cr:
        job = IrCron._acquire_one_job(cron_cr, spec["cron_id"])
        if not job:
            sys.exit("the job is not due, or another worker holds it")
        IrCron._process_job(db, cron_cr, job)
    sys.exit(f"the job finished without reaching call {spec['kill_at']} of {spec['hook']}")


if __name__ == "__main__":
    main()
