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
