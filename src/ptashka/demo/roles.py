"""The demo shop's people: staff groups with their permissions, and one development login per role."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from ptashka.demo.fixture_files import read_fixture
from ptashka.demo.tally import Tally


@dataclass(frozen=True)
class DevLogin:
    """A development account as the command prints it: never for a real deployment."""

    username: str
    email: str
    password: str
    signs_in_to: str


def load_roles(home: Page, tally: Tally) -> list[DevLogin]:
    """Create the groups and users; an existing one is brought back to the role it documents."""
    data = read_fixture("roles.json")
    groups = {entry["name"]: _load_group(entry, home, tally) for entry in data["groups"]}
    return [_load_user(entry, groups, tally) for entry in data["users"]]


def _load_group(entry, home, tally):
    group, created = Group.objects.get_or_create(name=entry["name"])
    tally.count("groups", created)
    group.permissions.add(*_permissions(entry.get("permissions", [])))
    if entry.get("permissions_of_apps"):
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label__in=entry["permissions_of_apps"])
        )
    # Wagtail 8 keys page permissions on Django's own Permission rows ("add_page", "publish_page").
    for action in entry.get("page_permissions", []):
        GroupPagePermission.objects.get_or_create(
            group=group, page=home, permission=_permission(f"wagtailcore.{action}_page")
        )
    root_collection = Collection.get_first_root_node()
    for permission in _permissions(entry.get("collection_permissions", [])):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=permission
        )
    return group


def _permissions(dotted_names):
    return [_permission(name) for name in dotted_names]


def _permission(dotted_name):
    app_label, codename = dotted_name.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _load_user(entry, groups, tally):
    User = get_user_model()
    user = User.objects.filter(username=entry["username"]).first()
    created = user is None
    if created:
        user = User(username=entry["username"])
    user.email = entry["email"]
    user.first_name = entry["first_name"]
    user.last_name = entry["last_name"]
    user.is_active = True
    user.is_staff = entry["is_staff"]
    user.is_superuser = entry["is_superuser"]
    # The printed password must work, so a changed one is put back; an unchanged one is not
    # re-hashed.
    if created or not user.check_password(entry["password"]):
        user.set_password(entry["password"])
    user.save()
    user.groups.add(*(groups[name] for name in entry["groups"]))
    tally.count("users", created)
    return DevLogin(
        username=user.username,
        email=user.email,
        password=entry["password"],
        signs_in_to=entry["signs_in_to"],
    )
