"""Changing one's password from the header: a Korean page, errors beside the fields, the new password works."""

from django.urls import reverse

URL = reverse("password_change")


def test_the_header_links_to_it_and_a_wrong_old_password_is_refused_beside_the_field(login):
    client = login("dept03")
    assert URL in client.get(reverse("home")).content.decode()
    response = client.post(URL, {"old_password": "wrong", "new_password1": "a", "new_password2": "b"})
    html = response.content.decode()
    assert response.status_code == 200 and 'aria-invalid="true"' in html and 'class="field-error"' in html
    assert "비밀번호 변경" in html


def test_a_good_change_is_kept(login, django_user_model):
    client = login("dept03")
    new = "Geumcheon-new-2026!"
    data = {"old_password": "geumcheon-demo-2026", "new_password1": new, "new_password2": new}
    response = client.post(URL, data)
    assert response.status_code == 302 and response["Location"] == reverse("password_change_done")
    assert "비밀번호를 바꾸었습니다" in client.get(response["Location"]).content.decode()
    assert django_user_model.objects.get(username="dept03").check_password(new)


def test_a_browser_asking_for_english_still_gets_one_language(login):
    html = login("dept03").get(URL, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "기존 비밀번호" in html and "Old password" not in html


def test_a_forgotten_password_is_reset_through_a_mailed_link(client, card_data, django_user_model, mailoutbox):
    import re

    user = django_user_model.objects.get(username="dept05")
    user.email = "dept05@geumcheon.go.kr"
    user.save()
    assert reverse("password_reset") in client.get(reverse("login")).content.decode()
    response = client.post(reverse("password_reset"), {"email": "dept05@geumcheon.go.kr"})
    assert response.status_code == 302 and len(mailoutbox) == 1
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+)", mailoutbox[0].body)[1]
    form_page = client.get(link, follow=True)
    assert "새 비밀번호 정하기" in form_page.content.decode()
    new = "Geumcheon-reset-2026!"
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}, follow=True)
    assert "비밀번호를 정했습니다" in done.content.decode()
    assert django_user_model.objects.get(username="dept05").check_password(new)


def test_an_unknown_address_says_the_same_and_sends_nothing(client, card_data, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.invalid"}, follow=True)
    assert "메일을 보냈습니다" in response.content.decode() and mailoutbox == []


def test_a_used_or_broken_link_says_so_in_korean(client, card_data):
    html = client.get(reverse("password_reset_confirm", args=["MQ", "not-a-token"])).content.decode()
    assert "기한이 지났습니다" in html
