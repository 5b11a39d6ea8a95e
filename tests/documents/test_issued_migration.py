"""geumcheon_jobs 0002–0004: issued documents stored before the registry keep their file and figures, take the registry's
slug for their kind and name their pledge's government; geumcheon_jobs 0005 with documents 0001–0002: the model moves to
documents with every row, file and figure, under documents' table name."""

import datetime
import hashlib

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("geumcheon_jobs", "0001_initial"), ("performance", "0016_summaries_filled")]
AFTER = [("geumcheon_jobs", "0004_issued_document_subjects")]
MOVED = [("documents", "0002_issued_document_table")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_issued_rows_keep_their_files_and_take_the_registrys_slugs():
    call_command("flush", "--no-input", verbosity=0)  # the seeded people could not go back before their migrations
    apps = migrate(BEFORE)
    get = apps.get_model
    user = get("auth", "User").objects.create(username="migration-lead")
    government = get("performance", "LocalGovernment").objects.create(name="갑구", code="1110000")
    department = get("performance", "Department").objects.create(
        local_government=government, name="일자리과", code="dept01", is_lead=True
    )
    pledge = get("performance", "Pledge").objects.create(
        local_government=government,
        code="공약-1",
        title="일자리",
        status="on_track",
        implementation_rate=50,
        completion_due="임기내",
        project_type="계속",
        lead_department=department,
        plan_label="일자리",
        policy_goal="목표",
        strategies="전략",
    )
    old_kinds = {"card": (2021, None), "quarterly_report": (2019, 3), "budget_report": (None, None)}
    for kind, (year, quarter) in old_kinds.items():
        content = f"%PDF-1.7 {kind}".encode()
        get("geumcheon_jobs", "IssuedDocument").objects.create(
            pledge=pledge,
            kind=kind,
            year=year,
            quarter=quarter,
            file_format="pdf",
            recipient="고용노동부",
            sent_on=datetime.date(2021, 10, 1),
            issued_by=user,
            filename=f"{kind}.pdf",
            mimetype="application/pdf",
            content=content,
            sha256=hashlib.sha256(content).hexdigest(),
            figures=[["연간 목표(명)", 10800]],
        )
    try:
        apps = migrate(AFTER)
        rows = apps.get_model("geumcheon_jobs", "IssuedDocument").objects.order_by("pk")
        assert [(r.kind, r.year, r.quarter) for r in rows] == [
            ("card", 2021, None),
            ("quarterly", 2019, 3),
            ("budget", None, None),
        ]
        assert {r.local_government_id for r in rows} == {government.pk}
        assert {r.pledge_id for r in rows} == {pledge.pk}
        for row, old in zip(rows, old_kinds, strict=True):
            assert bytes(row.content) == f"%PDF-1.7 {old}".encode()
            assert hashlib.sha256(bytes(row.content)).hexdigest() == row.sha256
            assert row.figures == [["연간 목표(명)", 10800]]

        with connection.cursor() as cursor:  # the state of AFTER knows the content type's model of an older day
            # As on a database made before the move: the model's content type, with its permissions, is the site's.
            cursor.execute("UPDATE django_content_type SET app_label = 'geumcheon_jobs' WHERE model = 'issueddocument'")
            cursor.execute("SELECT id FROM django_content_type WHERE model = 'issueddocument'")
            (old_type,) = cursor.fetchone()

        moved_apps = migrate(MOVED)
        moved = moved_apps.get_model("documents", "IssuedDocument")
        # The content type (and so the permissions and admin log entries that point at it) follows the model.
        assert moved_apps.get_model("contenttypes", "ContentType").objects.get(pk=old_type).app_label == "documents"
        assert moved._meta.db_table == "documents_issueddocument"
        assert [
            (r.kind, r.year, r.quarter, bytes(r.content), r.sha256, r.figures, r.issued_by.username)
            for r in moved.objects.order_by("pk")
        ] == [(r.kind, r.year, r.quarter, bytes(r.content), r.sha256, r.figures, "migration-lead") for r in rows]
        assert "geumcheon_jobs_issueddocument" not in connection.introspection.table_names()
    finally:
        call_command("migrate", verbosity=0)
