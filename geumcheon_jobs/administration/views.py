"""기관 관리: the pages on which a government's administrator manages its users, departments and funding sources (its
부문·대상 lists are the plans' list page, which the administrator may change too). Thin: each POST reads a form and
calls one service; a refusal shows the page again with its Korean reason, another government's id is not found."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from audit.changes import changes_of
from audit.models import AccessLog
from performance.access import can_administer_government
from performance.funding import sources_of
from performance.models import Department, FundingSource
from performance.plans import user_government

from . import services
from .forms import DepartmentActionForm, DepartmentAddForm, FundingSourceForm, PasswordResetForm, UserForm

CHANGES_PER_PAGE = 50


class AdministrationMixin:
    """The administrator's own government; anyone else is refused (403) before anything is read."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:  # else the login middleware answers first
            if not can_administer_government(request.user):
                raise PermissionDenied(services.NOT_ADMINISTRATOR)
            self.government = user_government(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(government=self.government, **kwargs)

    def perform(self, service, arguments: dict, success: str, url: str, **context):
        """Call `service` with `arguments` and the person and government; its success message (naming what it
        changed) and back to `url`, or the page again with the reason (400); an id of another government is not
        found."""
        try:
            result = service(by=self.request.user, government=self.government, **arguments)
        except services.NotFound:
            raise Http404("not of this government") from None
        except services.AdministrationRefused as refused:
            response = self.render_to_response(self.get_context_data(refusal=refused.message, **context))
            response.status_code = 400
            return response
        messages.success(self.request, success % {"name": str(result)})
        return redirect(url)

    def invalid(self, **context):
        return self.render_to_response(self.get_context_data(**context), status=400)


class AdministrationIndexView(AdministrationMixin, TemplateView):
    template_name = "administration/index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            user_count=services.government_users(self.government).count(),
            department_count=Department.objects.filter(local_government=self.government).count(),
            sources=sources_of(self.government),
            changes=changes_of(self.government.pk)[:10],
            **kwargs,
        )


class UserListView(AdministrationMixin, TemplateView):
    """The government's people: names and e-mail addresses are personal data, so every reading is logged."""

    template_name = "administration/users.html"
    access_log = AccessLog.Kind.PERSONAL

    def get_context_data(self, **kwargs):
        users = [
            (user, services.ROLES.get(services.role_of(user), ""))
            for user in services.government_users(self.government)
        ]
        return super().get_context_data(users=users, **kwargs)


class UserCreateView(AdministrationMixin, TemplateView):
    template_name = "administration/user_form.html"
    access_log = AccessLog.Kind.PERSONAL

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", UserForm(government=self.government, new=True))
        return super().get_context_data(new=True, **kwargs)

    def post(self, request, *args, **kwargs):
        form = UserForm(request.POST, government=self.government, new=True)
        if not form.is_valid():
            return self.invalid(form=form)
        data = form.cleaned_data
        fields = ("username", "full_name", "email", "department", "role")
        return self.perform(
            services.user_create,
            {**{name: data[name] for name in fields}, "password": data["password1"]},
            _("사용자를 추가했습니다: %(name)s"),
            reverse("administration:users"),
            form=form,
        )


class UserEditView(AdministrationMixin, TemplateView):
    """One person: their name, e-mail, department and role; a new password; stopping or resuming the account."""

    template_name = "administration/user_form.html"
    access_log = AccessLog.Kind.PERSONAL

    def person(self):
        person = services.government_users(self.government).filter(pk=self.kwargs["pk"]).first()
        if person is None:
            raise Http404("not a user of this government")
        return person

    def get_context_data(self, **kwargs):
        person = self.person()
        initial = {
            "full_name": person.first_name,
            "email": person.email,
            "department": person.membership.department_id,
            "role": services.role_of(person),
        }
        kwargs.setdefault("form", UserForm(government=self.government, new=False, initial=initial))
        kwargs.setdefault("password_form", PasswordResetForm())
        return super().get_context_data(person=person, new=False, **kwargs)

    def post(self, request, *args, **kwargs):
        person = self.person()
        url = reverse("administration:user", args=[person.pk])
        if "active" in request.POST:
            active = request.POST["active"] == "1"
            message = _("사용을 다시 허용했습니다: %(name)s") if active else _("사용을 중지했습니다: %(name)s")
            return self.perform(services.user_set_active, {"pk": person.pk, "active": active}, message, url)
        if "password1" in request.POST:
            form = PasswordResetForm(request.POST)
            if not form.is_valid():
                return self.invalid(password_form=form)
            return self.perform(
                services.user_reset_password,
                {"pk": person.pk, "password": form.cleaned_data["password1"]},
                _("비밀번호를 새로 정했습니다: %(name)s. 본인에게 직접 알리고, 로그인한 뒤 바꾸게 하세요."),
                url,
                password_form=form,
            )
        form = UserForm(request.POST, government=self.government, new=False)
        if not form.is_valid():
            return self.invalid(form=form)
        data = form.cleaned_data
        fields = ("full_name", "email", "department", "role")
        return self.perform(
            services.user_change,
            {"pk": person.pk, **{name: data[name] for name in fields}},
            _("저장했습니다: %(name)s"),
            url,
            form=form,
        )


class DepartmentListView(AdministrationMixin, TemplateView):
    """The government's departments in their order, each with its people and 세부사업; add, rename, order, delete."""

    template_name = "administration/departments.html"

    def get_context_data(self, **kwargs):
        departments = (
            Department.objects.filter(local_government=self.government)
            .annotate(people=Count("members", distinct=True), programme_count=Count("programmes", distinct=True))
            .order_by("sort_order", "name")
        )
        kwargs.setdefault("form", DepartmentAddForm())
        return super().get_context_data(departments=departments, **kwargs)

    def post(self, request, *args, **kwargs):
        url = reverse("administration:departments")
        if "action" not in request.POST:
            form = DepartmentAddForm(request.POST)
            if not form.is_valid():
                return self.invalid(form=form)
            data = form.cleaned_data
            return self.perform(
                services.department_add,
                {"name": data["name"], "code": data["code"]},
                _("부서를 추가했습니다: %(name)s"),
                url,
                form=form,
            )
        action = DepartmentActionForm(request.POST)
        if not action.is_valid():
            return self.invalid(refusal=_("요청을 읽을 수 없습니다. 화면을 새로 고친 뒤 다시 시도하세요."))
        data = action.cleaned_data
        if data["action"] == "rename":
            arguments = {"pk": data["pk"], "name": data["name"]}
            return self.perform(services.department_rename, arguments, _("부서 이름을 바꾸었습니다: %(name)s"), url)
        if data["action"] == "move":
            arguments = {"pk": data["pk"], "position": data["position"] or 1}
            return self.perform(services.department_move, arguments, _("부서 순서를 바꾸었습니다: %(name)s"), url)
        return self.perform(services.department_delete, {"pk": data["pk"]}, _("부서를 지웠습니다: %(name)s"), url)


class FundingSourceView(AdministrationMixin, TemplateView):
    """The government's funding sources in their order (every budget table, form and file follows it); add one of
    the national vocabulary, order them, take one off while no budget draws on it."""

    template_name = "administration/funding.html"

    def get_context_data(self, **kwargs):
        sources = sources_of(self.government)
        used = {source for source, _label in sources}
        choices = [(value, label) for value, label in FundingSource.choices if value not in used]
        return super().get_context_data(sources=sources, addable=choices, **kwargs)

    def post(self, request, *args, **kwargs):
        form = FundingSourceForm(request.POST)
        if not form.is_valid():
            return self.invalid(refusal=" ".join(str(e) for errors in form.errors.values() for e in errors))
        data, url = form.cleaned_data, reverse("administration:funding")
        source = {"source": data["source"]}
        if data["action"] == "add":
            return self.perform(services.funding_source_add, source, _("재원을 추가했습니다: %(name)s"), url)
        if data["action"] == "move":
            arguments = {**source, "position": data["position"] or 1}
            return self.perform(services.funding_source_move, arguments, _("재원 순서를 바꾸었습니다: %(name)s"), url)
        return self.perform(services.funding_source_remove, source, _("재원에서 뺐습니다: %(name)s"), url)


class ChangeLogView(AdministrationMixin, TemplateView):
    """Who changed what in the government's administration, newest first."""

    template_name = "administration/changes.html"

    def get_context_data(self, **kwargs):
        page = Paginator(changes_of(self.government.pk), CHANGES_PER_PAGE).get_page(self.request.GET.get("page"))
        return super().get_context_data(page=page, **kwargs)
