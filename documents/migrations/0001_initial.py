"""IssuedDocument moves from geumcheon_jobs to documents without touching a row: this migration only tells Django's
state that the model is now documents', still on geumcheon_jobs' table (geumcheon_jobs 0005 drops it from that app's
state; 0002 renames the table)."""

import django.db.models.deletion
import django.utils.timezone
import documents.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('geumcheon_jobs', '0004_issued_document_subjects'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
        migrations.CreateModel(
            name='IssuedDocument',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=documents.models.document_kinds, max_length=20, verbose_name='문서')),
                ('year', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='연도')),
                ('quarter', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='분기')),
                ('file_format', models.CharField(choices=[('pdf', 'PDF'), ('xlsx', 'Excel(.xlsx)'), ('hwpx', '한글(.hwpx)')], max_length=4, verbose_name='형식')),
                ('recipient', models.CharField(max_length=200, verbose_name='수신처')),
                ('sent_on', models.DateField(verbose_name='발송일')),
                ('issued_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='처리 일시')),
                ('filename', models.CharField(max_length=255, verbose_name='파일 이름')),
                ('mimetype', models.CharField(max_length=100, verbose_name='파일 형식')),
                ('content', models.BinaryField(verbose_name='파일')),
                ('sha256', models.CharField(max_length=64, verbose_name='SHA-256')),
                ('figures', models.JSONField(default=list, verbose_name='발행 당시 수치')),
                ('issued_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='issued_documents', to=settings.AUTH_USER_MODEL, verbose_name='처리자')),
                ('local_government', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='issued_documents', to='performance.localgovernment', verbose_name='지자체')),
                ('pledge', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='issued_documents', to='performance.pledge')),
            ],
            options={
                'verbose_name': '발송 문서',
                'verbose_name_plural': '발송 문서',
                'ordering': ['-issued_at', '-pk'],
                'indexes': [models.Index(fields=['pledge', 'kind', 'year', 'quarter'], name='issued_document_params')],
                'constraints': [models.CheckConstraint(condition=models.Q(('quarter__isnull', True), models.Q(('quarter__gte', 1), ('quarter__lte', 4)), _connector='OR'), name='issued_document_quarter_1_to_4')],
                'db_table': 'geumcheon_jobs_issueddocument',
            },
        ),
            ],
        ),
    ]
