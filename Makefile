# Tenant Relations: the two commands of the README, and a few helpers.
.PHONY: run test rebuild-db bench load lint i18n readme screenshots upgrade-check

run:  ## set up everything and serve Odoo with the three addons and demo data on :8069
	./tools/run.sh

test:  ## every test, ruff and pylint-odoo on a throw-away database; prints "N passed, N failed, N skipped"
	./tools/test.sh

rebuild-db:  ## drop the demo database and create it again, then serve
	TR_REBUILD=1 ./tools/run.sh

bench:  ## the benchmark of the hot paths on its own throw-away database (options: make bench ARGS="--tickets 2000")
	./tools/bench.sh benchmark.py $(ARGS)

load:  ## rush hour: 32 portal residents for 60 s against a 4-worker server; fails when a target is missed (ARGS="--restart-db-at 20": PostgreSQL restarted mid-run, on a throw-away cluster of its own)
	./tools/bench.sh load_rush_hour.py $(ARGS)

lint:
	./tools/test.sh lint

i18n:  ## re-export each addon's .pot from a database with the addons installed
	./tools/i18n.sh

readme:  ## write each addon's README.rst from its readme/*.md, and the access matrix into README.md
	python3 tools/readme.py
	python3 tools/access_matrix.py

screenshots:  ## the README's screenshots (docs/screenshots/*.png) from the demo `make run` serves, in headless Chromium (options: make screenshots ARGS="--url http://localhost:8069 --db tenant_relations_demo")
	python3 tools/screenshots.py $(ARGS)

upgrade-check:  ## update a copy of an earlier version's database with this checkout and fail on any setting, campaign state, campaign log or XML id lost (ARGS="--db my_copy")
	bash -c 'source tools/lib.sh && setup_all && exec "$$PY" tools/upgrade_check.py --odoo-conf "$$ODOO_RC" $(ARGS)'
