"""Things people ask about: topics, tasks, messages, places, files, notes, lists.

Entries are written as a person would say them ("the budget review"); the generator
derives titles from them (``title_of``) and copies names verbatim. Banks that end in
``_PARTS`` are combined with synthesized names so that no two requests need repeat.
No entry contains '$', '"' or '<' (they have a meaning in the plan language). The long
banks continue in ``banks/<name>.txt``, one entry per line: messages people send, topics,
tasks, files, notes, folders and lists, written by hand in many registers and cultures so
that the planner learns where a span ends rather than a few dozen memorized ones.
"""

from __future__ import annotations

from pathlib import Path


def lines(blob: str) -> list[str]:
    """One entry per non-empty line, or per ';'-separated item."""
    return [item.strip() for line in blob.strip().splitlines() for item in line.split(";") if item.strip()]


TOPICS = lines("""
the budget review; the Q3 roadmap; the quarterly report; our trip to Lisbon; the offsite agenda
the new hire onboarding
my visa application; the marketing plan; the hiring plan; the product launch; the client proposal
the sales forecast
the board meeting; the team dinner; the holiday schedule; the budget forecast; the website redesign
the vendor contract
the conference talk; the research grant; the lab results; the insurance claim; the apartment lease
the wedding plans
the kids' school trip; the book club; the fundraiser; the volunteer schedule; the design review
the code freeze
the security audit; the data migration; the pricing update; the partnership deal; the press release
the user survey
the overdue invoice; the shipping delay; the training session; the performance reviews
the sprint retro
our anniversary dinner; the birthday party; the housewarming; the soccer practice schedule; the piano recital
the tax documents; the mortgage paperwork; the car repair; the dentist bill; the summer internship
the thesis defense
the paper deadline; the reading list; the team offsite; the customer complaint; the refund request
the API changes
the travel reimbursement; the parking permits; the rent increase; the neighborhood meeting; the garden party
the charity run; the hackathon; the quarterly goals; the annual report; the support tickets; the server outage
the catering order; the seating plan; the flight booking; the hotel reservation; the museum visit
the concert tickets
the team lunch; dinner plans; the camping trip; the move; the new office; the fire drill; the org chart
the all-hands
""")

EVENTS = lines("""
a dentist appointment; a haircut; a doctor's appointment; a team standup; a one-on-one; a coffee chat
a lunch meeting
the budget review; the design review; a sprint planning session; a project kickoff; a client call
a job interview
yoga class; a gym session; piano lessons; a parent-teacher conference; a vet appointment; a car service
the book club; a study group; a date night; a family dinner; a birthday party; a farewell lunch; a team retro
a therapy session; a physio appointment; an eye exam; a flight to Berlin; a train to Paris; a quarterly review
a product demo; a board meeting; a brainstorming session; an onboarding session; a code review
a pitch rehearsal
a wedding rehearsal; soccer practice; swimming lessons; a school play; a tax consultation; a bank appointment
a house viewing; a contractor visit; a workshop; a webinar; a podcast recording; a photo shoot; a town hall
""")

EVENT_PARTS = [
    "a call with {person}",
    "lunch with {person}",
    "coffee with {person}",
    "dinner with {person}",
    "the {project} kickoff",
    "the {project} demo",
    "the {project} launch review",
    "a sync about {project}",
    "{person}'s farewell party",
    "a 1:1 with {person}",
    "the {project} retro",
    "drinks with {person}",
    "lunch with {person} and {person2}",
    "dinner w {person} & {person2}",
    "coffee with {person} and {person2}",
]

TOPIC_PARTS = [
    "the {project} launch",
    "the {project} budget",
    "the {project} timeline",
    "the {project} contract",
    "{person}'s promotion",
    "{person}'s visit",
    "the {project} update",
    "the {project} migration",
    "the trip to {city}",
    "the office in {city}",
    "the {project} invoice",
    "the {project} proposal",
]

PROJECTS = lines("""
Atlas; Phoenix; Nimbus; Orion; Apollo; Helios; Falcon; Everest; Kilimanjaro; Sahara; Monsoon; Aurora; Zephyr
Polaris; Cobalt; Quartz; Lotus; Banyan; Sequoia; Baobab; Jaguar; Condor; Tiger; Harmony; Meridian; Horizon
Northstar; Bluebird; Redwood; Granite; Saffron; Jasmine; Cedar; Onyx; Titan; Vega; Lyra; Nova; Pulsar; Kestrel
Acme; Globex; Initech; Umbrella; Stark; Wayne; Hooli; Vandelay; Wonka; Cyberdyne
""")

TASKS = lines("""
call the dentist; pay the electricity bill; water the plants; renew my passport; buy milk; take out the trash
book a table for dinner; pick up the dry cleaning; return the library books; submit the expense report
back up my laptop; cancel the gym membership; call the bank; buy a birthday present; schedule a car service
send the invoice; check in for my flight; feed the cat; walk the dog; refill my prescription; pay rent
order new contact lenses; clean the fridge; change the bed sheets; book a haircut; file my taxes
update my resume; reply to the landlord; charge the camera batteries; pack for the trip
print the boarding pass
buy stamps; mail the package; pick up the kids; call the plumber; defrost the chicken; take my vitamins
stretch; drink water; check the oven; move the car; lock the back door; bring the umbrella
pay the parking ticket
renew the car insurance; sign the permission slip; buy flowers; RSVP to the wedding; review the contract
prepare the slides; read chapter 5; practice the presentation; clean the gutters; book flights; call the vet
buy dog food; pick up the cake; get gas; bring the charger; empty the dishwasher; pay the credit card
set up the new printer; update the software; order more coffee beans; reschedule the dentist
pick up the parcel
""")

TASK_PARTS = [
    "call {person}",
    "email {person} about {topic}",
    "text {person} back",
    "pick up {person} from the airport",
    "send {person} the slides",
    "buy a gift for {person}",
    "thank {person} for the dinner",
    "ask {person} about the keys",
    "pay {person} back",
    "review {person}'s draft",
    "visit {place}",
    "book a room at {place}",
    "follow up on the {project} contract",
    "prepare the {project} demo",
]

SMS_MESSAGES = lines("""
I'm running late; dinner is at 7; I'm on my way; can you call me back?; the meeting moved to Thursday
I'll be there in 10 minutes; happy birthday!; I left the keys under the mat; don't forget the tickets
the kids are asleep; we're out of milk; I got the job!; see you at the station; the train is delayed
can you pick up bread on the way home?; I'm parked outside; let's meet at the usual place; thanks for today
the package arrived; practice is cancelled; I'll call you after the meeting; running 15 minutes behind
the car is ready; we landed safely; call me when you're free; good luck with the interview!
I can't make it tonight; the door code is 4821; bring a jacket, it's cold; the doctor said everything is fine
lunch is on me today; I'm stuck in traffic; the show starts at 8; I booked the table
congrats on the new place!; are you still coming?; the wifi password is on the fridge; I miss you
""")

SMS_PARTS = [
    "I'm at {place}",
    "meet me at {place}",
    "I'm with {person}, be there soon",
    "{person} says hi",
    "the {project} demo went great",
    "can you send me {person}'s number?",
    "I'm leaving {place} now",
]

EMAIL_MESSAGES = lines("""
the report is ready; I'll be late to the meeting; we need to reschedule; the deadline moved to next week
the numbers are final; please review it before Friday; I'm out of office until Monday; thanks for your help
the contract is signed; we're approved; can we move it to the afternoon; the slides are attached
I need the signed copy back; the flight got cancelled; everything is on track; we're over budget
I can't make it this week; let's discuss it at the standup; the client said yes; please confirm the dates
the venue is booked; the invoice has been paid; I found a bug in the release; the survey closes tomorrow
I'd like to join the project; the new office opens in May; we need two more volunteers
""")

FORWARD_NOTES = lines("""
FYI; please take a look; can you handle this?; see below; thoughts?; for your records
this is the one I mentioned
please follow up; not urgent; can you review it by Friday?; have a look when you can; looping you in
""")

REPLY_MESSAGES = lines("""
I'll be there; sounds good; thanks, got it; I can't make it; let's do Thursday instead; yes, please go ahead
I'll send it tomorrow; count me in; that works for me; I need a few more days; can we talk tomorrow?
I'm on it; congratulations!; no thanks; I agree with the plan; please send the final version
""")

LANDMARKS = lines("""
the Eiffel Tower; the Golden Gate Bridge; the Colosseum; Central Park; the British Museum; Times Square
the Brandenburg Gate; the Sagrada Família; the Rijksmuseum; the Louvre; Shibuya Crossing
the Sydney Opera House
the Space Needle; Union Station; Grand Central Terminal; the Tate Modern; Hyde Park; the Acropolis
Table Mountain; the Blue Mosque; the Pyramids of Giza; Machu Picchu; the Burj Khalifa; Marina Bay Sands
the Alhambra; Charles Bridge; the Gardens by the Bay; Stanley Park; Copacabana Beach; the Christ the Redeemer
Kruger National Park; the Taj Mahal; Petronas Towers; Gyeongbokgung Palace; the Forbidden City; Victoria Falls
the Guggenheim; Millennium Park; Pike Place Market; the Ferry Building; Fisherman's Wharf; Alexanderplatz
Plaza Mayor; Praça do Comércio; Zócalo; La Boca; Nyhavn; Djemaa el-Fna; Galata Tower; Wenceslas Square
the airport; the train station; the office; the gym; the hospital; the library; the university; the stadium
the mall; the farmers market; the city hall; the post office; the beach; the bus terminal; the ferry terminal
JFK Airport; Heathrow Terminal 5; Schiphol Airport; Changi Airport; Gare du Nord; Berlin Hauptbahnhof
""")

BUSINESS_PARTS = [
    "{family}'s Bakery",
    "Café {given}",
    "{family} & Sons Hardware",
    "{given}'s Diner",
    "the {family} Hotel",
    "{city} Public Library",
    "{family} Dental Clinic",
    "Hotel {given}",
    "{project} Coworking",
    "{given}'s Pizzeria",
    "the {family} Gallery",
    "{city} Central Station",
    "{family} Park",
    "Blue Bottle Coffee in {city}",
    "{given} Sushi Bar",
    "{family} Medical Center",
]

STREET_SUFFIXES = [
    "Street",
    "St",
    "Avenue",
    "Ave",
    "Road",
    "Rd",
    "Boulevard",
    "Lane",
    "Way",
    "Drive",
    "Straße",
    "Calle",
    "Rua",
    "Via",
    "Rue",
    "Place",
]

CITIES = lines("""
Lisbon; Berlin; Paris; Madrid; Barcelona; Rome; Milan; Amsterdam; Brussels; Vienna; Prague; Warsaw; Kraków
Budapest; Athens; Istanbul; Dublin; Edinburgh; London; Manchester; Oslo; Stockholm; Copenhagen; Helsinki
Reykjavík; Zürich; Geneva; Munich; Hamburg; Lyon; Marseille; Porto; Seville; Valencia; Naples; Lagos; Accra
Nairobi; Addis Ababa; Dakar; Cairo; Casablanca; Johannesburg; Cape Town; Kigali; Kampala; Dar es Salaam
Mumbai; Delhi; Bengaluru; Chennai; Kolkata; Hyderabad; Karachi; Lahore; Dhaka; Colombo; Kathmandu; Tokyo
Osaka; Kyoto; Seoul; Busan; Beijing; Shanghai; Shenzhen; Hong Kong; Taipei; Hanoi; Ho Chi Minh City; Bangkok
Singapore; Kuala Lumpur; Jakarta; Manila; Dubai; Abu Dhabi; Doha; Riyadh; Amman; Beirut; Tel Aviv; Tehran
Mexico City; Guadalajara; Bogotá; Medellín; Lima; Santiago; Buenos Aires; Montevideo; São Paulo
Rio de Janeiro; Quito; Havana; San Juan; Toronto; Montréal; Vancouver; New York; Boston; Chicago; Seattle
San Francisco; Los Angeles; Austin; Atlanta; Denver; Sydney; Melbourne; Auckland; Wellington; Honolulu
""")

FILES = lines("""
Q3 report; lease agreement; thesis draft; meeting notes; tax return; insurance policy; boarding pass
project proposal; annual report; user manual; research paper; grant application; pitch deck; contract draft
invoice; quarterly earnings; onboarding guide; employee handbook; travel itinerary; bank statement
medical report; lab results; rental application; resume; cover letter; recipe book; syllabus; lecture notes
whitepaper; style guide; budget spreadsheet; board minutes; sales deck; privacy policy; release notes
""")

FILE_PARTS = [
    "{project} proposal",
    "{project} roadmap",
    "{family} contract",
    "{given}'s CV",
    "invoice {num}",
    "{project}_spec_v{small}",
    "{city} trip itinerary",
    "{project} Q{quarter} report",
    "{year} tax return",
    "{given}_{family}_resume",
    "{project} design doc",
    "minutes_{year}{mm}{dd}",
    # what a person calls a file by its occasion: "email Tobiah the christmas rota"
    "{occasion} {document}",
    "{city} {document}",
    # what a person calls a file by what it is, or what was done to it: "send her the signed lease"
    "{document}",
    "{state} {document}",
    "{project} {document}",
    "{given}'s {document}",
    "{state} {project} {document}",
]

OCCASIONS = lines("""
christmas; holiday; summer; Easter; Eid; Diwali; Hanukkah; new year; wedding; birthday
school trip; bake sale; book fair; open day; sports day; offsite; team away day; Q3; March; october
half term; harvest festival; charity run; retirement party; baby shower; housewarming; reunion; spring fair
board meeting; quarterly review; launch; conference; hackathon; fundraiser; workshop; camping trip
""")

DOCUMENT_NOUNS = lines("""
rota; schedule; slides; photos; plan; budget; guest list; menu; seating plan; timetable; checklist; flyer
programme; invitation; poster; receipts; itinerary; sign-up sheet; packing list; agenda; notes; deck; draft
playlist; floor plan; volunteer list; price list; order form; brochure; handout; timeline
contract; lease; NDA; SOW; quote; estimate; invoice; bank statement; payslip; scan; certificate; transcript
portfolio; storyboard; brief; script; report; proposal; spreadsheet; mockups; wireframes; memo; cover letter
reference letter; tax form; W-2; P45; headshots; logo files; style guide; manual; syllabus; essay; lab report
spec sheet; permit; ID scan; insurance certificate; risk assessment; moodboard; one-pager; case study
press release; sketches; blueprints; site photos; test results; expense report; pay stub; offer letter
tenancy agreement; consent form; recipe card; sheet music; lesson plan; grant application; chapter draft
""")

# What was done to a document, as people name it by that: "the signed contract", "the revised budget".
DOC_STATES = lines("""
revised; signed; final; updated; latest; draft; scanned; annotated; approved; corrected; new; edited
marked-up; finished; printable; original; second; redacted; amended; countersigned; shortlisted; v2
""")

FILE_EXTENSIONS = [".pdf", ".pdf", ".pdf", ".docx", ".pptx", ".xlsx", ".txt", ".key", ".pages"]

NOTE_TITLES = lines("""
Groceries; Packing list; Ideas; Meeting notes; Book recommendations; Recipes; To do; Movies to watch
Passwords hint
Workout plan; Travel checklist; Gift ideas; Questions for the doctor; Garden plan; Budget; Wishlist; Journal
Podcast ideas; Blog drafts; Side project; Reading list; Quotes; Shopping list; Weekly goals; Party planning
Wedding guests; House repairs; Birthday ideas; Restaurant list; Vocab; Lecture notes; Standup notes
""")

NOTE_PARTS = [
    "{project} notes",
    "{project} retro",
    "Notes on {project}",
    "Trip to {city}",
    "Gift ideas for {given}",
    "{given}'s birthday",
    "{city} restaurants",
    "{project} TODO",
    "Call with {given}",
    "{year} goals",
]

NOTE_CONTENTS = lines("""
eggs, milk and bread; call the plumber about the leak; pick a venue soon; passport, charger and sunscreen
try the new ramen place; ask about the parking situation; the wifi password is on the router
finish chapter 3 before the meeting; book the hotel near the station; remember to bring the HDMI adapter
tomatoes, basil and mozzarella; budget is 2000 euros; flight lands at 6:40; buy a new bike lock
three sets of squats and lunges; read Sapiens next; need a plumber quote; the gate code is 1942
""")

CONTENT_PARTS = [
    "ask {given} about {project}",
    "meet {given} at {place}",
    "{project} launch moved to Q{quarter}",
    "book flights to {city}",
    "{given} recommended {place}",
    "send {given} the {project} deck",
]

FOLDERS = lines("""
Work; Personal; Shopping; Travel; Recipes; Projects; School; Home; Family; Finance; Health; Ideas; Archive
Journal; Kids; Garden; Books; Clients; Meetings; Research; Fitness; Car; Wedding; Taxes; Music
""")

LIST_NAMES = lines("""
Groceries; Errands; Work; Home; Shopping; Personal; Family; Bills; Chores; Garden; Weekend; Travel; Gym
Kids; School; Health; Pets; Car; Admin; Someday; Birthdays; House; Office; Reading; Inbox
""")

CALENDARS = lines("""
Work; Personal; Family; Home; School; Team; Kids; Soccer; Gym; Side project; Holidays; Travel; Birthdays
Shared; Office; Church; Band; Volunteering; Book club
""")

EMAIL_DOMAINS = [
    "gmail.com",
    "outlook.com",
    "yahoo.com",
    "icloud.com",
    "proton.me",
    "example.com",
    "example.org",
    "acme.io",
    "uni-heidelberg.de",
    "company.co.uk",
    "mail.ru",
    "web.de",
    "orange.fr",
    "libero.it",
    "uol.com.br",
    "naver.com",
    "qq.com",
    "yandex.com",
    "hotmail.com",
    "work.example",
    "startup.dev",
    "hospital.org",
    "school.edu",
    "gov.example",
    "studio.design",
]

ROOMS = lines("""
Room 4B; the Boardroom; the big conference room; the lobby; the kitchen; Meeting Room 2; the fishbowl
the rooftop terrace; Lab 3; the main hall; the cafeteria; Studio A; the library annex; Room 101
""")


# --- the larger banks: one entry per line in banks/<name>.txt ------------------------------------

_BANKS = Path(__file__).with_name("banks")


def _extended(entries: list[str], name: str) -> list[str]:
    """``entries`` and then those of ``banks/<name>.txt`` that are new (compared without case)."""
    more = (_BANKS / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    seen: dict[str, str] = {}
    for entry in (*entries, *(line.strip() for line in more)):
        if entry:
            seen.setdefault(entry.casefold(), entry)
    return list(seen.values())


TOPICS = _extended(TOPICS, "topics")
EVENTS = _extended(EVENTS, "events")
TASKS = _extended(TASKS, "tasks")
SMS_MESSAGES = _extended(SMS_MESSAGES, "sms_messages")
EMAIL_MESSAGES = _extended(EMAIL_MESSAGES, "email_messages")
FORWARD_NOTES = _extended(FORWARD_NOTES, "forward_notes")
REPLY_MESSAGES = _extended(REPLY_MESSAGES, "reply_messages")
FILES = _extended(FILES, "files")
NOTE_TITLES = _extended(NOTE_TITLES, "note_titles")
NOTE_CONTENTS = _extended(NOTE_CONTENTS, "note_contents")
FOLDERS = _extended(FOLDERS, "folders")
LIST_NAMES = _extended(LIST_NAMES, "list_names")
