"""Name pools for generated families: UK families of many backgrounds, with the language most
of them speak at home. Invented combinations; any likeness to a real family is chance."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Background:
    language: str  # a code from settings.LANGUAGES
    weight: int  # share of generated families, roughly a mixed English town
    surnames: tuple[str, ...]
    girls: tuple[str, ...]
    boys: tuple[str, ...]
    women: tuple[str, ...]
    men: tuple[str, ...]
    female_surname: dict[str, str] | None = None  # Polish surnames change with gender


# fmt: off
BACKGROUNDS: tuple[Background, ...] = (
    Background(
        language="en",
        weight=40,
        surnames=(
            "Smith", "Taylor", "Brown", "Wilson", "Clarke", "Thompson", "Harris", "Wright", "Walker",
            "Robinson", "Hall", "Green", "Wood", "Turner", "Baker", "Bennett", "Cooper", "Ward", "Mitchell",
            "Campbell", "Okafor", "Mensah", "Campbell-Reid",
        ),
        girls=("Amelia", "Isla", "Poppy", "Ivy", "Florence", "Freya", "Olivia", "Lily", "Evie", "Rosie", "Ava"),
        boys=("Oliver", "George", "Freddie", "Alfie", "Theo", "Harry", "Arthur", "Noah", "Leo", "Jack", "Reggie"),
        women=("Sarah", "Emma", "Laura", "Gemma", "Natalie", "Chloe", "Kirsty", "Hannah", "Jade", "Stacey"),
        men=("James", "Daniel", "Chris", "Liam", "Paul", "Mark", "Ryan", "Matthew", "Lee", "Tom"),
    ),
    Background(
        language="pl",
        weight=10,
        surnames=("Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński", "Szymański"),
        girls=("Zofia", "Maja", "Lena", "Hanna", "Julia", "Alicja", "Oliwia"),
        boys=("Jakub", "Antoni", "Szymon", "Jan", "Filip", "Franciszek", "Aleksander"),
        women=("Agnieszka", "Katarzyna", "Magdalena", "Joanna", "Anna", "Monika", "Ewa"),
        men=("Tomasz", "Piotr", "Paweł", "Marcin", "Krzysztof", "Łukasz", "Michał"),
        female_surname={
            "Kowalski": "Kowalska",
            "Wiśniewski": "Wiśniewska",
            "Kamiński": "Kamińska",
            "Lewandowski": "Lewandowska",
            "Zieliński": "Zielińska",
            "Szymański": "Szymańska",
        },
    ),
    Background(
        language="ro",
        weight=8,
        surnames=("Popescu", "Ionescu", "Dumitru", "Stan", "Gheorghe", "Radu", "Constantin"),
        girls=("Ioana", "Sofia", "Maria", "Elena", "Ana", "Daria"),
        boys=("Andrei", "Matei", "Luca", "David", "Ștefan", "Alexandru"),
        women=("Elena", "Cristina", "Alina", "Mihaela", "Andreea", "Roxana"),
        men=("Mihai", "Adrian", "Florin", "Bogdan", "Ionuț", "Gabriel"),
    ),
    Background(
        language="ur",
        weight=10,
        surnames=("Khan", "Ahmed", "Hussain", "Raza", "Iqbal", "Malik", "Butt", "Qureshi"),
        girls=("Zara", "Inaya", "Hoorain", "Aleena", "Eshal", "Haniya", "Anaya"),
        boys=("Ayaan", "Hamza", "Musa", "Zayan", "Abdullah", "Rayan", "Haider"),
        women=("Ayesha", "Sana", "Fatima", "Saima", "Nadia", "Rabia", "Mehwish"),
        men=("Imran", "Bilal", "Tariq", "Usman", "Kashif", "Asif", "Zeeshan"),
    ),
    Background(
        language="bn",
        weight=8,
        surnames=("Rahman", "Chowdhury", "Uddin", "Miah", "Begum", "Islam", "Ali", "Hoque"),
        girls=("Safa", "Aaliyah", "Nusrat", "Tasnim", "Raisa", "Humaira"),
        boys=("Rayyan", "Tahmid", "Ibrahim", "Arif", "Zakaria", "Mahir"),
        women=("Nasima", "Rumana", "Runa", "Shirin", "Taslima", "Jahanara"),
        men=("Shahid", "Jamal", "Abdul", "Kamal", "Mizanur", "Shafiq"),
    ),
    Background(
        language="pa",
        weight=8,
        surnames=("Singh", "Kaur", "Sandhu", "Gill", "Dhillon", "Sidhu", "Bains"),
        girls=("Harleen", "Simran", "Jasleen", "Gurleen", "Amrit", "Navleen"),
        boys=("Arjun", "Gurveer", "Jaskaran", "Harveer", "Kabir", "Sahib"),
        women=("Manpreet", "Navdeep", "Jaspreet", "Harpreet", "Kiran", "Rajvinder"),
        men=("Harjit", "Rajinder", "Gurpreet", "Sukhdev", "Amandeep", "Balvinder"),
    ),
    Background(
        language="ar",
        weight=8,
        surnames=("Haddad", "Mansour", "Al-Sayed", "Hassan", "Ibrahim", "Khalil", "Nasser", "Saleh"),
        girls=("Layla", "Mariam", "Jana", "Salma", "Nour", "Lina"),
        boys=("Yousef", "Omar", "Adam", "Karim", "Zain", "Ali"),
        women=("Rania", "Huda", "Noor", "Dalia", "Samar", "Amal"),
        men=("Khaled", "Samir", "Ahmad", "Mahmoud", "Tariq", "Fadi"),
    ),
    Background(
        language="cy",
        weight=8,
        surnames=("Jones", "Evans", "Pritchard", "Llewellyn", "Griffiths", "Morgan", "Rees", "Price"),
        girls=("Cerys", "Gwen", "Elin", "Seren", "Mali", "Ffion"),
        boys=("Osian", "Macsen", "Deio", "Gethin", "Ioan", "Tomos"),
        women=("Rhian", "Siân", "Catrin", "Nia", "Bethan", "Angharad"),
        men=("Dafydd", "Gethin", "Rhys", "Owain", "Huw", "Aled"),
    ),
)
# fmt: on
