"""Factories that build one consistent world: a child's setting comes from its room or family,
never from a fresh SettingFactory."""

import datetime as dt

import factory
from django.utils import timezone

from tandem.accounts.models import User
from tandem.core.models import (
    Child,
    ChildGuardian,
    CommunicationPreference,
    Family,
    Guardian,
    Organisation,
    OrganisationLead,
    Relationship,
    Room,
    Setting,
    StaffMember,
    StaffRole,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.test")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password("correct horse battery")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"org-{n}")


class SettingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Setting

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Setting {n}")
    slug = factory.Sequence(lambda n: f"setting-{n}")


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    setting = factory.SubFactory(SettingFactory)
    name = factory.Sequence(lambda n: f"Room {n}")


class StaffMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffMember

    setting = factory.SubFactory(SettingFactory)
    user = factory.SubFactory(UserFactory)
    roles = factory.LazyFunction(lambda: [StaffRole.PRACTITIONER.value])


class FamilyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Family

    setting = factory.SubFactory(SettingFactory)
    name = factory.Faker("last_name")


class ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Child

    room = factory.SubFactory(RoomFactory)
    setting = factory.LazyAttribute(lambda c: c.room.setting if c.room else SettingFactory())
    family = factory.LazyAttribute(lambda c: FamilyFactory(setting=c.setting))
    first_name = factory.Faker("first_name")
    last_name = factory.LazyAttribute(lambda c: c.family.name if c.family else "Smith")
    date_of_birth = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=900))
    start_date = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=100))


class GuardianFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Guardian

    family = factory.SubFactory(FamilyFactory)
    setting = factory.LazyAttribute(lambda g: g.family.setting)
    first_name = factory.Faker("first_name")
    last_name = factory.LazyAttribute(lambda g: g.family.name)
    email = factory.Sequence(lambda n: f"guardian{n}@example.test")


class ChildGuardianFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChildGuardian

    child = factory.SubFactory(ChildFactory)
    guardian = factory.LazyAttribute(lambda link: GuardianFactory(family=link.child.family))
    setting = factory.LazyAttribute(lambda link: link.child.setting)
    relationship = Relationship.PARENT


class CommunicationPreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommunicationPreference

    guardian = factory.SubFactory(GuardianFactory)
    setting = factory.LazyAttribute(lambda p: p.guardian.setting)
    channels = factory.LazyFunction(lambda: ["app", "email"])


class OrganisationLeadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationLead

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
