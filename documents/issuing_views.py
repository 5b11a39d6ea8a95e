"""Issued documents (발송 문서): the list of every version sent, one version with its frozen file and what changed
since, and the form with which the lead department marks a document as sent. The rules are in issuing.py."""

import django_filters
import django_tables2 as tables
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from django_tables2 import RequestConfig

from audit.models import AccessLog
from performance.access import can_issue_documents, can_read_official_documents
from performance.calculations import NOTHING, quarter_name
from performance.models import Pledge
from performance.plans import user_government
from performance.validation import YEAR_OUT_OF_RANGE, YEARS

from . import issuing
from .models import IssuedDocument, document_kinds
from .registry import KINDS
from .views import attachment

SUGGESTED_RECIPIENTS = ("고용노동부 지역산업고용정책과", "서울시 일자리정책과")
PAGE_SIZE = 25
ISSUED = gettext_lazy(
    "발송 처리했습니다. 파일과 수치를 보관했습니다. ‘보관된 파일 내려받기’로 받는 파일이 기록과 같은 파일이니, "
    "받는 기관에는 이 파일을 보내세요."
)


def quarter_choices() -> list[tuple]:
    return [("", NOTHING)] + [(quarter, quarter_name(quarter)) for quarter in range(1, 5)]


class DocumentChoiceForm(forms.Form):
    """Which document: its kind, format, year and quarter (the budget report has neither); the pledges offered and
    accepted are the person's government's (`user`)."""

    pledge = forms.ModelChoiceField(
        Pledge.objects.all(),
        to_field_name="code",
        label=gettext_lazy("공약"),
        required=False,  # a document of the yearly plan is the government's; a pledge's document says it is missing
        error_messages={"invalid_choice": gettext_lazy("목록에 있는 공약을 고르세요.")},
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("문서"),
        choices=document_kinds,
        error_messages={"invalid_choice": issuing.UNKNOWN_KIND, "required": issuing.UNKNOWN_KIND},
    )
    file_format = forms.ChoiceField(
        label=gettext_lazy("형식"),
        choices=IssuedDocument.Format.choices,
        error_messages={"invalid_choice": gettext_lazy("PDF, Excel(.xlsx), 한글(.hwpx) 중에서 고르세요.")},
    )
    year = forms.IntegerField(
        label=gettext_lazy("연도"),
        required=False,
        min_value=YEARS[0],
        max_value=YEARS[1],
        error_messages={
            "invalid": gettext_lazy("연도를 네 자리 숫자로 입력하세요."),
            "min_value": YEAR_OUT_OF_RANGE,
            "max_value": YEAR_OUT_OF_RANGE,
        },
    )
    quarter = forms.TypedChoiceField(
        label=gettext_lazy("분기"),
        choices=quarter_choices,
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": gettext_lazy("1분기부터 4분기 중에서 고르세요.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pledge"].queryset = Pledge.objects.visible_to(user)

    def choice(self) -> dict:
        data = self.cleaned_data
        return {key: data[key] for key in ("pledge", "kind", "year", "quarter")}


class IssueForm(DocumentChoiceForm):
    """The document, to whom and when it was sent, and the fingerprint of the figures the person previewed."""

    recipient = forms.CharField(
        label=gettext_lazy("수신처"),
        max_length=200,
        error_messages={"required": issuing.RECIPIENT_REQUIRED, "max_length": issuing.RECIPIENT_TOO_LONG},
        widget=forms.TextInput(attrs={"list": "recipients", "autocomplete": "off", "size": 40}),
    )
    sent_on = forms.DateField(
        label=gettext_lazy("발송일"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": issuing.SENT_ON_REQUIRED,
            "invalid": gettext_lazy("날짜를 YYYY-MM-DD 형식으로 입력하세요."),
        },
    )
    digest = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_sent_on(self):
        """Said here as well as by the service, so that the page names every mistake at once."""
        sent_on = self.cleaned_data["sent_on"]
        if message := issuing.sent_on_error(sent_on):
            raise ValidationError(message)
        return sent_on


class IssuedDocumentFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=gettext_lazy("문서"), choices=document_kinds, empty_label=_("전체"))
    year = django_filters.NumberFilter(label=gettext_lazy("연도"))

    class Meta:
        model = IssuedDocument
        fields = ["kind", "year"]


class ChangeColumn(tables.Column):
    """변경 있음 / 변경 없음 against today's figures, as words (never colour alone)."""

    def render(self, value):
        if value is None:
            return format_html('<span class="change change-gone">{}</span>', _("지금은 만들 수 없음"))
        if value:
            return format_html('<span class="change change-yes">{}</span>', _("변경 있음"))
        return format_html('<span class="change change-no">{}</span>', _("변경 없음"))


NOWRAP = {"td": {"class": "nowrap"}}


class IssuedDocumentTable(tables.Table):
    kind = tables.Column(
        verbose_name=gettext_lazy("문서"), linkify=lambda record: reverse("issued-document", args=[record.pk])
    )
    period = tables.Column(
        verbose_name=gettext_lazy("연도·분기"), accessor="period_label", orderable=False, attrs=NOWRAP
    )
    file_format = tables.Column(verbose_name=gettext_lazy("형식"))
    recipient = tables.Column(verbose_name=gettext_lazy("수신처"))
    sent_on = tables.DateColumn(verbose_name=gettext_lazy("발송일"), format="Y. n. j.", attrs=NOWRAP)
    issued_by = tables.Column(verbose_name=gettext_lazy("처리자"), order_by=("issued_by__username",))
    issued_at = tables.DateTimeColumn(verbose_name=gettext_lazy("처리 일시"), format="Y. n. j. H:i", attrs=NOWRAP)
    sha256 = tables.Column(verbose_name=gettext_lazy("SHA-256 앞부분"), orderable=False)
    changed = ChangeColumn(verbose_name=gettext_lazy("지금 수치와 비교"), orderable=False, empty_values=())

    class Meta:
        model = IssuedDocument
        fields = (
            "kind",
            "period",
            "file_format",
            "recipient",
            "sent_on",
            "issued_by",
            "issued_at",
            "sha256",
            "changed",
        )
        attrs = {"class": "data-table"}
        empty_text = gettext_lazy("아직 발송 처리한 문서가 없습니다.")

    caption = gettext_lazy("발송 처리한 문서의 모든 판(최근 처리 순)")

    def render_kind(self, record):
        return record.get_kind_display()

    def render_file_format(self, record):
        return record.get_file_format_display()

    def render_issued_by(self, value):
        return value.get_full_name() or value.username

    def render_sha256(self, value):
        return format_html("<code>{}</code>", value[:12])


class ViewerMixin:
    """The lead department and managers (403 for anyone else)."""

    def dispatch(self, request, *args, **kwargs):
        if not can_read_official_documents(request.user):
            raise PermissionDenied(issuing.NOT_ALLOWED_TO_VIEW)
        return super().dispatch(request, *args, **kwargs)


class IssuedDocumentListView(ViewerMixin, TemplateView):
    """Every issued version, newest first, each compared with today's figures."""

    access_log = AccessLog.Kind.PERSONAL  # who issued each document
    template_name = "documents/issued_list.html"

    def get_context_data(self, **kwargs):
        documents = IssuedDocumentFilter(self.request.GET, issuing.issued_documents(self.request.user))
        table = IssuedDocumentTable(documents.qs)
        RequestConfig(self.request, paginate={"per_page": PAGE_SIZE}).configure(table)
        issuing.with_change_status(row.record for row in table.page.object_list)  # only the rows shown
        return super().get_context_data(
            table=table, filter=documents, can_issue=can_issue_documents(self.request.user), **kwargs
        )


class IssuedDocumentDetailView(ViewerMixin, TemplateView):
    """One issued version: to whom, when, by whom, its file's fingerprint, and only the figures that changed."""

    access_log = AccessLog.Kind.PERSONAL  # who issued each document
    template_name = "documents/issued_detail.html"

    def get_context_data(self, **kwargs):
        issued = get_object_or_404(issuing.issued_documents(self.request.user).defer(None), pk=self.kwargs["pk"])
        current = issuing.current_figures(issued)
        frozen = issuing.issued_figures(issued)
        return super().get_context_data(
            issued=issued,
            changes=issuing.figure_changes(frozen, current),
            unavailable=current is None,
            intact=issuing.file_is_intact(issued),
            frozen=[(label, issuing.figure_text(value)) for label, value in frozen.items()],
            can_issue=can_issue_documents(self.request.user),
            **kwargs,
        )


class IssuedDocumentFileView(ViewerMixin, View):
    """The frozen file, byte for byte as it was issued, under the name it was sent with."""

    def get(self, request, pk):
        frozen = IssuedDocument.objects.visible_to(request.user).only("filename", "mimetype", "content", "sha256")
        issued = get_object_or_404(frozen, pk=pk)
        response = attachment(bytes(issued.content), issued.mimetype, issued.filename)
        response["ETag"] = f'"{issued.sha256}"'
        return response


def kind_hints() -> list[str]:
    """What each kind of the registry asks for, one line a kind: "분기 일자리창출 실적 보고: 공약·연도·분기"."""
    hints = []
    for kind in KINDS.values():
        chosen = [_("공약")] if kind.subject == "pledge" else []
        chosen += [_("연도")] if kind.needs_year else []
        chosen += [_("분기")] if kind.needs_quarter else []
        hint = "·".join(str(part) for part in chosen)
        if kind.subject != "pledge":
            hint += _(" (그 연도의 연차별 계획의 문서: 공약은 쓰지 않습니다)")
        elif not kind.needs_year:
            hint += _(" (연도와 분기는 비워 둡니다)")
        hints.append(_("%(title)s: %(hint)s") % {"title": kind.title, "hint": hint})
    return hints


class DocumentIssueView(TemplateView):
    """The lead department marks a document as sent: choose it (and look at the figures that will be frozen), then
    say to whom and when. The file is made and frozen with those very figures."""

    template_name = "documents/issue.html"

    def dispatch(self, request, *args, **kwargs):
        if not can_issue_documents(request.user):
            raise PermissionDenied(issuing.NOT_LEAD)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        data = request.GET.copy()
        if "pledge" not in data and (pledge := Pledge.objects.visible_to(request.user).order_by("code").first()):
            data["pledge"] = pledge.code
        data.setdefault("file_format", IssuedDocument.Format.PDF)
        choice = DocumentChoiceForm(
            data if "kind" in data else None, initial={"pledge": data.get("pledge")}, user=request.user
        )
        return self.render_to_response(self.get_context_data(choice=choice))

    def post(self, request, *args, **kwargs):
        form = IssueForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                issued = issuing.document_issue(
                    user=request.user,
                    **form.choice(),
                    fmt=data["file_format"],
                    recipient=data["recipient"],
                    sent_on=data["sent_on"],
                    expected_digest=data["digest"] or None,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, ISSUED)
                return redirect("issued-document", pk=issued.pk)
        messages.error(request, _("입력값을 확인하세요. 아무것도 저장하지 않았습니다."))
        choice = DocumentChoiceForm(request.POST, user=request.user)
        choice.is_valid()
        for name in choice.fields:  # the service's errors about the choice show beside the choice's fields
            for error in form.errors.get(name, []):
                if error not in choice.errors.get(name, []):
                    choice.add_error(name, error)
        return self.render_to_response(self.get_context_data(choice=choice, form=form))

    def get_context_data(self, *, choice, form=None, **kwargs):
        """`choice` is the form whose document is previewed (and whose errors show beside the choice fields)."""
        preview, digest = None, ""
        if choice.is_bound and not choice.errors:
            picked = choice.choice()
            try:
                government = user_government(self.request.user)
                parameters = [picked[k] for k in ("pledge", "year", "quarter")]
                preview = issuing.document_figures(picked["kind"], *parameters, government=government)
            except issuing.DocumentUnavailable as exc:
                choice.add_error(exc.field if exc.field in choice.fields else None, exc.message)
            else:
                digest = issuing.figures_digest(
                    picked["pledge"], picked["kind"], picked["year"], picked["quarter"], preview, government=government
                )
        if form is None and preview is not None:
            initial = {**choice.cleaned_data, "sent_on": timezone.localdate(), "digest": digest}
            initial["pledge"] = initial["pledge"].code if initial["pledge"] else ""
            form = IssueForm(initial=initial, user=self.request.user)
        elif form is not None and digest:
            seen = form.data.get("digest")
            if seen and seen != digest and str(issuing.STALE) not in form.non_field_errors():
                form.add_error(None, issuing.STALE)  # say so even when something else was wrong too
            form.data = form.data.copy()
            form.data["digest"] = digest  # after a refusal the page shows today's figures: they are what is sent next
        return super().get_context_data(
            choice=choice,
            form=form,
            preview=[(label, issuing.figure_text(value)) for label, value in (preview or {}).items()],
            previewed=preview is not None,
            recipients=SUGGESTED_RECIPIENTS,
            kind_hints=kind_hints(),
            **kwargs,
        )
