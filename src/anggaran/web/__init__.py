"""The web application: every satker's budget in the browser, behind accounts and roles.

Django with server-rendered Jinja2 templates and htmx (shipped as a static file, nothing
loaded from the internet), a JSON API (django-ninja) under ``/api/v1/``, static files
served by whitenoise. Views are thin: they call ``anggaran.services`` and render what the
services return; who may see what is decided there (a satker outside the user's scope
answers 404 everywhere)."""
