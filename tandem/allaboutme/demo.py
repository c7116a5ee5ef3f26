"""Demo All About Me for Sunflower: Zofia's, in Polish, typed in by her key person from the
paper form at the home visit and then updated online by her mother (otherparent@demo.tandem.test),
so the history has two versions. Written through the services; running it twice adds nothing."""

import datetime as dt
import random

from tandem.allaboutme import services
from tandem.allaboutme.models import AllAboutMe
from tandem.core.models import Child, ChildGuardian, Setting, StaffMember

ZOFIA_V1 = {
    "languages": "W domu mówimy po polsku. Tata mówi też trochę po angielsku.",
    "likes": "Bańki mydlane, piosenki o zwierzętach, układanie klocków.",
    "comforters": "Różowy króliczek (Kicia) i smoczek do spania.",
    "sleep": "Drzemka po obiedzie, około 12:30, mniej więcej godzinę.",
    "feeding": "Je sama łyżeczką. Pije wodę z kubka niekapka.",
    "toileting": "Pieluszka. Mówi „siku”, kiedy chce.",
    "allergies": "Brak znanych alergii.",
    "people": "Mama Agnieszka, tata Tomasz, babcia Halina w Krakowie (rozmowy wideo), kot Mruczek.",
}
ZOFIA_V2 = {
    **ZOFIA_V1,
    "allergies": "Alergia na orzeszki ziemne: wysypka i opuchnięte usta. Mamy EpiPen.",
    "can_do": "Wchodzi sama po schodach, mówi proste zdania po polsku.",
    "worries": "Głośne suszarki do rąk w łazience.",
    "celebrations": "Wigilia i Boże Narodzenie, Wielkanoc (malujemy pisanki), imieniny.",
    "anything_else": "Zaczyna mówić po angielsku: „more”, „bye-bye”.",
}


def seed(*, setting: Setting, today: dt.date, rng: random.Random) -> None:
    zofia = Child.objects.filter(setting=setting, first_name="Zofia", last_name="Nowak").first()
    if zofia is None or AllAboutMe.objects.filter(child=zofia).exists():
        return
    link = (
        ChildGuardian.objects.filter(child=zofia, guardian__email="otherparent@demo.tandem.test")
        .select_related("guardian__user")
        .first()
    )
    key_person = StaffMember.objects.filter(pk=zofia.key_person_id).select_related("user").first()
    if link is None or link.guardian.user is None or key_person is None:
        return
    services.all_about_me_save(
        child=zofia, by=key_person.user, how="home_visit", guardian=link.guardian, answers=ZOFIA_V1
    )
    services.all_about_me_save(
        child=zofia, by=link.guardian.user, how="online", guardian=link.guardian, answers=ZOFIA_V2
    )
