# Two entry points for a fresh machine: `make run` (set up and serve) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run setup install test test-deps lint messages screenshots clean prod-local prod-stop stack-deps deploy bench-deps bench-load

# A Debian package installed only when its command is missing: $(call apt-install,COMMAND,PACKAGE).
apt-install = @command -v $(1) >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) >/dev/null)
# The same for PostgreSQL's server programs, which Debian keeps off PATH.
apt-install-postgres = @command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null)

run: setup
	$(BIN)/python manage.py runserver 127.0.0.1:8000

setup: install
	$(call apt-install,msgfmt,gettext)
	$(BIN)/python manage.py compilemessages --ignore=.venv -v 0
	$(BIN)/python manage.py migrate --no-input -v 0
	$(BIN)/python manage.py import_content data/
	$(BIN)/python manage.py ensure_local_admin

install: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $(STAMP)

test: install test-deps
	$(call apt-install,msgfmt,gettext)
	$(BIN)/python manage.py compilemessages --ignore=.venv -v 0
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=iomcz.settings.test
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

# The browser tests need Debian's Chromium, Java for the HTML checker, and the npm tools
# (vnu-jar, axe-core); the stack test (sitewide/tests/test_stack.py) the local stack's programs, and
# the PostgreSQL failure tests start a server of their own with initdb and pg_ctl (stack-deps).
test-deps: node_modules/.installed stack-deps
	$(call apt-install,chromium,chromium)
	$(call apt-install,java,default-jre-headless)

# The production stack on loopback (deploy/localstack.py): nginx, two gunicorn app servers, a
# throwaway PostgreSQL and Redis, with the shipped content; data and logs in .prod-local/.
prod-local: install stack-deps
	$(call apt-install,msgfmt,gettext)
	$(BIN)/python -m deploy.localstack start

prod-stop:
	$(BIN)/python -m deploy.localstack stop

stack-deps:
	$(call apt-install,nginx,nginx)
	@test -f /usr/lib/nginx/modules/ngx_http_headers_more_filter_module.so || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libnginx-mod-http-headers-more-filter >/dev/null)
	$(call apt-install,redis-server,redis-server)
	$(call apt-install-postgres)

# The load benchmark (bench/load.py): the stack's programs and Debian's wrk.
bench-deps: stack-deps
	$(call apt-install,wrk,wrk)

bench-load: install bench-deps
	$(call apt-install,msgfmt,gettext)
	$(BIN)/python bench/load.py

# The deploy steps of a server (deploy/deploy.sh): requirements, translations, static files,
# migrations, checks; reads /etc/iomcz/env.
deploy:
	deploy/deploy.sh

node_modules/.installed: package.json $(wildcard package-lock.json)
	npm ci --no-audit --no-fund --silent
	touch $@

lint:
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

messages:
	$(BIN)/python manage.py makemessages -l cs -l uk --ignore=.venv --no-obsolete
	$(BIN)/python manage.py makemessages -d djangojs -l cs -l uk --ignore=.venv --ignore=node_modules --ignore=staticfiles --no-obsolete

# The admin screenshots of docs/admin.md (docs/img/), taken from a throwaway copy of the shipped content.
screenshots: install
	$(call apt-install,chromium,chromium)
	$(BIN)/python docs/screenshots.py

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* staticfiles .prod-local
