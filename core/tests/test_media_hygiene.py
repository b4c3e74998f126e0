"""Stored images: random names, removal after the commit that replaces, clears or deletes them, and
the media_orphans command; on the real file storage in a fresh folder."""

import datetime
import io
import itertools
import os
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.utils import translation

from core.models import Draft
from core.tests.test_images import image_bytes, upload
from history.models import Director
from news.models import NewsItem
from testing.admin_support import form_data

numbers = itertools.count(1)


def news_with_image(content, name="photo.jpg", title=None):
    """A saved news item with an uploaded image, and a title (so a slug) of its own."""
    item = NewsItem(title_en=title or f"Photo story {next(numbers)}", lead_en="Lead", image_alt_en="A desk")
    item.image = upload(content, name)
    item.full_clean()
    item.save()
    return item


def stored(media):
    """Every file in the media folder, by its storage name."""
    return {path.relative_to(media).as_posix() for path in media.rglob("*") if path.is_file()}


def files_of(media, image):
    """The original of an image and its renditions, as stored."""
    return {name for name in stored(media) if name == image.name or name.startswith(f"renditions/{image.name}/")}


def change_through_admin(client, item, **changes):
    url = f"/admin/news/newsitem/{item.pk}/change/"
    with translation.override("en"):
        return client.post(url, form_data(client.get(url), **changes))


@pytest.mark.django_db
def test_uploads_are_stored_under_random_names_that_do_not_repeat_the_uploaded_one(media):
    first = news_with_image(image_bytes("JPEG"), "anna-novakova-passport.jpg")
    second = news_with_image(image_bytes("PNG"), "anna-novakova-passport.jpg")
    assert re.fullmatch(r"news/[0-9a-f]{32}\.jpg", first.image.name)
    assert re.fullmatch(r"news/[0-9a-f]{32}\.png", second.image.name)
    assert first.image.name != second.image.name
    assert not any("anna" in name for name in stored(media))
    assert f"renditions/{first.image.name}/160.webp" in stored(media)


@pytest.mark.django_db
def test_replacing_an_image_removes_the_old_original_and_renditions_once_committed(
    media, django_capture_on_commit_callbacks
):
    item = news_with_image(image_bytes("JPEG"))
    old = files_of(media, item.image)
    assert len(old) == 1 + 2 * 5 + 1  # the original, five widths in two formats, the manifest
    with django_capture_on_commit_callbacks() as callbacks:
        item.image = upload(image_bytes("JPEG", size=(900, 600)))
        item.save()
    assert old <= stored(media), "nothing is removed before the commit"
    for callback in callbacks:
        callback()
    assert not old & stored(media)
    assert files_of(media, item.image) and files_of(media, item.image) <= stored(media)
    assert not (media / "renditions" / "news" / os.path.basename(min(old))).exists()


@pytest.mark.django_db
def test_clearing_an_image_in_the_admin_removes_its_files(media, admin_client, django_capture_on_commit_callbacks):
    item = news_with_image(image_bytes("JPEG"))
    old = files_of(media, item.image)
    with django_capture_on_commit_callbacks(execute=True):
        response = change_through_admin(admin_client, item, **{"image-clear": "on"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert not item.image
    assert not old & stored(media)


@pytest.mark.django_db
def test_deleting_an_item_removes_its_image(media, django_capture_on_commit_callbacks):
    item = news_with_image(image_bytes("JPEG"))
    kept = news_with_image(image_bytes("PNG"))
    with django_capture_on_commit_callbacks(execute=True):
        item.delete()
    assert not files_of(media, item.image)
    assert stored(media) == files_of(media, kept.image)


@pytest.mark.django_db
def test_deleting_items_from_the_admin_list_removes_their_images(
    media, admin_client, django_capture_on_commit_callbacks
):
    items = [news_with_image(image_bytes("JPEG")) for _ in range(2)]
    portrait = Director.objects.create(name="Petr Čáp")
    portrait.photo = upload(image_bytes("JPEG"))
    portrait.save()
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        response = admin_client.post(
            "/admin/news/newsitem/",
            {"action": "delete_selected", "_selected_action": [item.pk for item in items], "post": "yes"},
        )
    assert response.status_code == 302
    assert not NewsItem.objects.exists()
    assert stored(media) == files_of(media, portrait.photo)


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_replacement_removes_nothing_and_a_committed_one_does(media):
    item = news_with_image(image_bytes("JPEG"))
    old = files_of(media, item.image)
    with pytest.raises(RuntimeError), transaction.atomic():
        item.image = upload(image_bytes("JPEG", size=(900, 600)))
        item.save()
        raise RuntimeError("the rest of the change failed")
    assert old <= stored(media)
    item.refresh_from_db()
    assert files_of(media, item.image) == old
    item.image = upload(image_bytes("JPEG", size=(900, 600)))
    item.save()
    assert not old & stored(media)


@pytest.mark.django_db
def test_a_file_that_another_item_still_names_is_kept(media, django_capture_on_commit_callbacks):
    item = news_with_image(image_bytes("JPEG"))
    shared = files_of(media, item.image)
    other = NewsItem.objects.create(title_en="Same photo", lead_en="Lead", image=item.image.name, image_alt_en="Alt")
    with django_capture_on_commit_callbacks(execute=True):
        item.image = upload(image_bytes("PNG"))
        item.save()
    assert shared <= stored(media)
    with django_capture_on_commit_callbacks(execute=True):
        other.delete()
    assert not shared & stored(media)


def shown_address(image):
    """The address the image library hands a text for `image`: its largest rendition."""
    from core.images.renditions import renditions

    return default_storage.url(renditions(image).fallback[-1][1])


@pytest.mark.django_db
@pytest.mark.parametrize("where", ["text", "draft"])
def test_an_image_that_a_text_shows_is_kept_when_its_item_replaces_it_until_no_text_shows_it(
    media, django_capture_on_commit_callbacks, where
):
    owner = news_with_image(image_bytes("JPEG"))
    old = files_of(media, owner.image)
    figure = f'<figure><img src="{shown_address(owner.image)}" alt="A desk"></figure>'
    story = NewsItem.objects.create(title_en="A story", lead_en="Lead", body_en="<p>Before.</p>")
    if where == "text":
        story.body_cs = f"<p>Příběh.</p>{figure}"
        story.save()
    else:
        Draft.objects.create(
            content_type=ContentType.objects.get_for_model(story),
            object_id=story.pk,
            state={"fields": {"body_en": f"<p>After.</p>{figure}"}},
            saved=story.updated,
        )
    with django_capture_on_commit_callbacks(execute=True):
        owner.image = upload(image_bytes("JPEG", size=(900, 600)))
        owner.save()
    assert old <= stored(media), "the story's figure would have lost its image"
    for name in old:
        age(media, name, 120)
    assert orphans_command() == "No orphan files.\n"

    # Once no text shows it, the old image is an orphan like any other.
    if where == "text":
        story.body_cs = "<p>Příběh.</p>"
        story.save()
    else:
        Draft.objects.all().delete()
    listed = {line.split()[0] for line in orphans_command().splitlines()[:-1]}
    assert listed == old


@pytest.mark.django_db
def test_the_image_a_draft_gives_its_live_item_is_no_orphan_until_the_draft_is_discarded(
    media, django_capture_on_commit_callbacks
):
    item = news_with_image(image_bytes("JPEG"))
    kept = files_of(media, item.image)
    # An Editor's draft of the live item uploads a new image: its file is stored at once, while
    # the item still names the old one.
    drafted = default_storage.save("news/drafted.jpg", io.BytesIO(image_bytes("JPEG", size=(640, 480))))
    draft = Draft.objects.create(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        state={"fields": {"title_en": item.title_en, "image": drafted}},
        saved=item.updated,
    )
    for name in stored(media):
        age(media, name, 120)
    assert orphans_command() == "No orphan files.\n"
    assert orphans_command("--delete") == "No orphan files.\n"
    assert {drafted} | kept <= stored(media)

    # A draft that keeps the live image (the Editor then chose the old image again): a Publisher
    # replacing the live image directly leaves the file that the draft names.
    draft.state = {"fields": {"title_en": item.title_en, "image": item.image.name}}
    draft.save()
    with django_capture_on_commit_callbacks(execute=True):
        item.image = upload(image_bytes("JPEG", size=(900, 600)))
        item.save()
    assert min(kept) in stored(media)

    # Discarded, the draft's upload is an orphan like any other.
    draft.delete()
    listed = {line.split()[0] for line in orphans_command().splitlines()[:-1]}
    assert drafted in listed and min(kept) in listed


@pytest.mark.django_db
def test_restoring_a_revision_whose_image_was_replaced_keeps_the_current_image(
    media, admin_client, django_capture_on_commit_callbacks
):
    item = news_with_image(image_bytes("JPEG"), title="First title")
    change_through_admin(admin_client, item, title_en="First title")
    first = item.history.latest()
    with django_capture_on_commit_callbacks(execute=True):
        change_through_admin(admin_client, item, title_en="Second title", image=upload(image_bytes("PNG")))
    item.refresh_from_db()
    current = item.image.name
    assert current.endswith(".png") and not default_storage.exists(first.image)
    url = f"/admin/news/newsitem/{item.pk}/history/{first.history_id}/"
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        response = admin_client.post(url, form_data(admin_client.get(url)))
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title_en, item.image.name) == ("First title", current)
    assert files_of(media, item.image) and files_of(media, item.image) <= stored(media)


def age(media, name, minutes):
    moment = (datetime.datetime.now() - datetime.timedelta(minutes=minutes)).timestamp()
    os.utime(media / name, (moment, moment))


def orphans_command(*args):
    out = io.StringIO()
    call_command("media_orphans", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def orphans(media):
    """An item whose image is in use, one whose image was cleared by a bulk update (which skips
    save(), so its files stay behind), and a stray upload; every file two hours old."""
    in_use = news_with_image(image_bytes("JPEG"))
    cleared = news_with_image(image_bytes("PNG"))
    left_behind = files_of(media, cleared.image)
    NewsItem.objects.filter(pk=cleared.pk).update(image="")
    stray = default_storage.save("news/stray.jpg", io.BytesIO(image_bytes("JPEG", size=(64, 64))))
    default_storage.save("notes.txt", io.BytesIO(b"not an image folder"))
    for name in stored(media):
        age(media, name, 120)
    return {"in_use": files_of(media, in_use.image), "orphans": left_behind | {stray}}


@pytest.mark.django_db
def test_the_orphans_command_lists_orphans_with_their_sizes_and_deletes_nothing_by_default(media, orphans):
    before = stored(media)
    output = orphans_command()
    listed = [line.split()[0] for line in output.splitlines()[:-1]]
    assert set(listed) == orphans["orphans"]
    assert re.search(r"^renditions/news/[0-9a-f]{32}\.png/160\.webp +\d+ bytes$", output, re.MULTILINE)
    assert output.splitlines()[-1].startswith(f"{len(orphans['orphans'])} orphan files, ")
    assert "Nothing was deleted: run again with --delete" in output
    assert stored(media) == before


@pytest.mark.django_db
def test_the_orphans_command_with_delete_removes_only_the_orphans(media, orphans):
    output = orphans_command("--delete")
    assert f"Deleted {len(orphans['orphans'])} orphan files" in output
    assert stored(media) == orphans["in_use"] | {"notes.txt"}
    assert not any((media / "renditions" / "news").glob("*.png"))
    assert orphans_command() == "No orphan files.\n"


@pytest.mark.django_db
def test_the_orphans_command_leaves_files_younger_than_an_hour_alone(media, orphans):
    stray = "news/stray.jpg"
    age(media, stray, 10)
    output = orphans_command("--delete")
    assert stray not in output
    assert "1 more unreferenced file(s) younger than 60 minutes left alone." in output
    assert stray in stored(media)
    assert "Deleted 1 orphan file" in orphans_command("--delete", "--min-age", "5")
    assert stray not in stored(media)
