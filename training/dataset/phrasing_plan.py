"""Templates for calendar events, Zoom meetings, reminders, notes, maps and files.

Same conventions as ``phrasing_comm``. ``{when}`` is a date phrase that carries its own
preposition ("on Friday at 3pm", "tomorrow at noon"), so templates never put one
before it.
"""

from __future__ import annotations

from training.dataset.fragments import Entry

W, R, D = {"mode": "w"}, {"mode": "r"}, {"mode": "d"}

PLAN: dict[str, dict[str, list[Entry]]] = {
    "calendar": {
        "imperative": [
            "Book a {adur} {event} {when}{loc?}{with?}",
            "Schedule a {adur} {event} {when}{with?}{loc?}",
            "Schedule {event} {when}{dur?}{loc?}{with?}{cal?}{enote?}",
            "Add {event} to {mycal} {when}{dur?}{with?}{loc?}",
            "Create a calendar event for {event} {when}{dur?}{loc?}{with?}{enote?}",
            "Book {event} {when}{with?}{loc?}{cal?}",
            "Put {event} on {mycal} {when}{dur?}{with?}",
            "Schedule {event} {range}{loc?}{with?}{cal?}",
            "Block off time for {event} {range}{enote?}",
        ],
        "polite": [
            "Could you schedule {event} {when}{dur?}{with?}{loc?}{cal?}?",
            "Please add {event} to {mycal} {when}{dur?}{loc?}{with?}",
            "Can you set up {event} {when}{with?}{loc?}{enote?}?",
            "Would you put {event} in {mycal} {range}{with?}",
            "Would you mind adding {event} to {mycal} {when}{dur?}{loc?}{with?}?",
        ],
        "casual": [
            "throw a {adur} {event} on {mycal} {when}{with?}",
            "stick {event} on {mycal} {when}{dur?}{with?}",
            "pencil in {event} {when}{with?}{loc?}",
            "throw {event} on {mycal} {range}{loc?}",
            "lock in {event} {when}{dur?}{with?}{cal?}",
            "bung {event} in {mycal} {when}{with?}{loc?}",
            "chuck {event} in the diary {when}{dur?}{loc?}",
        ],
        "terse": [
            "cal {event} {when}{dur?}{loc?}{with?}",
            "new event {event} {when}{dur?}{loc?}{with?}{enote?}",
            "event: {event} {range}{loc?}{cal?}",
            "calendar: {event} {when}{with?}",
            "{event} {when}{loc?}",  # a thing and a time, nothing else: an event
            "{event} {when}{dur?}{with?}",
        ],
        "first_person": [
            "I need a {adur} {event} on {mycal} {when}{loc?}",
            "I have {event} {when}{dur?}{loc?}, add it to {mycal}",
            "I need {event} on {mycal} {when}{with?}{loc?}",
            "I'd like to schedule {event} {when}{dur?}{with?}{cal?}{enote?}",
        ],
        "spoken": [
            "okay so I have {event} {when}{loc?} put that on {mycal}",
            "um schedule {event} {when}{with?}{dur?}",
            "so uh add {event} {range} to {mycal}",
        ],
        "fronted": [
            "{When}, book me in for {event}{dur?}{loc?}{with?}{cal?}",
            "{When} it's {event}{dur?}{loc?}{with?}; make sure {mycal} has it",
            "{Range} I'm tied up with {event}{loc?}. Block that out on {mycal}{enote?}",
            "{Event}{loc?}{with?}, {when}{dur?} — that needs to go in {mycal}",
            "{Event} {when}{dur?}{with?}{loc?}, please mark it down{cal?}{enote?}",
            "{Event} is happening {when}{dur?}{loc?}. Get it into {mycal}{with?}",
            "{Event} {when}{dur?} is a go, so get it on {mycal}{with?}{enote?}",
            "{Event} {when} finally got confirmed over email. Add it to {mycal}{dur?}{loc?}{with?}",
            "{Event}{with?}, {when}{dur?}{loc?}. Into the calendar it goes",
        ],
        "context": [
            "Got the date confirmed. Put {event} on {mycal} {when}{dur?}{with?}{loc?}",
            "This one matters to me. Schedule {event} {when}{with?}{loc?}{cal?}",
            "The invite never came through, so I'll do it myself: add {event} to {mycal} "
            "{when}{dur?}{loc?}{with?}",
            "Finally found a slot that works for everyone. Book {event} {range}{with?}{loc?}{cal?}",
            "All settled. Create a calendar event for {event} {when}{dur?}{with?}{enote?}",
            "Loads on at the moment, so pop {event} in {mycal} {when}{dur?}{loc?}{with?}",
            "Get {event} onto {mycal} {range}{loc?}{cal?}{with?}. "
            "Double-booking myself again is not an option",
            "Ok my schedule is getting out of hand. Can you get {event} on {mycal} "
            "{when}{dur?}{with?}{enote?}?",
            "Jess texted to confirm {event} {when}. Stick it in {mycal}{dur?}{loc?}",
            "The school sent a letter home about {event} {when}{loc?}. Get that on {mycal}",
            "Still on the phone with them; they can do it {when}. "
            "Put {event} in {mycal} for then{dur?}{loc?}",
            "My sister's flying in and wants to catch up. Schedule {event} {when}{loc?}{with?}",
        ],
        "reordered": [
            "{When}, {event}{loc?}{with?}. Put it on {mycal}",
            "{When} I have {event}{dur?}{loc?} — add it to {mycal}",
            "On {mycal}: {event} {when}{dur?}{with?}{enote?}",
        ],
        "narrative": [
            "I just agreed to {event} {when}{with?}{loc?}. Please put it in {mycal}",
            "My week is filling up fast and I don't want to forget {event} {range}{loc?}. Add it to {mycal}",
        ],
    },
    "zoom": {
        "imperative": [
            "Set up a {adur} zoom about {topic} {when}{with?}",
            "Create a {adur} Zoom meeting on {topic} {when}{with?}",
            "Create a Zoom meeting about {topic} {when}{zdur?}{with?}",
            "Set up a zoom call on {topic} {when}{with?}{zdur?}",
            "Schedule a Zoom about {topic} {when}{with?}",
            "Make a zoom link for {topic} {when}{zdur?}{with?}",
        ],
        "polite": [
            "Could you set up a {adur} Zoom call about {topic} {when}{with?}?",
            "Could you create a zoom meeting about {topic} {when}{with?}{zdur?}?",
            "Please set up a Zoom call for {topic} {when}{zdur?}{with?}",
            "Any chance you could set up a Zoom about {topic} {when}{zdur?}{with?}?",
        ],
        "casual": [
            "get a {adur} zoom on the books for {topic} {when}{with?}",
            "spin up a zoom for {topic} {when}{with?}",
            "get a zoom going about {topic} {when}{zdur?}{with?}",
            "sort me out a zoom link for {topic} {when}{zdur?}{with?}",
            "can u do me a zoom for {topic} {when}{with?}",
        ],
        "terse": [
            "{adur} zoom re {topic} {when}{with?}",
            "zoom {topic} {when}{zdur?}{with?}",
            "zoom mtg re {topic} {when}{with?}",
        ],
        "first_person": [
            "I need a {adur} zoom about {topic} {when}{with?}",
            "I need a Zoom meeting about {topic} {when}{zdur?}{with?}",
            "I want to set up a zoom call on {topic} {when}{with?}",
        ],
        "spoken": [
            "um make a zoom meeting for {topic} {when}{with?}",
            "okay set up a zoom about {topic} {when}{zdur?}",
        ],
        "fronted": [
            "{When} we need to go over {topic}, so make a Zoom link{with?}{zdur?}",
            "{Topic} could use a Zoom call {when}{zdur?}{with?}",
            "{Topic} should be talked through {when}; get me a zoom link{with?}{zdur?}",
            "Just a short Zoom {when} to cover {topic}{with?} — can you set one up?",
            "{Topic} is on the agenda {when}, so I need a Zoom call{zdur?}{with?}",
            "A {adur} Zoom is all {topic} needs, so set one up {when}{with?}",
            "{When}, a Zoom on {topic}{zdur?}{with?}, if you can set it up",
        ],
        "context": [
            "Too many emails about this already. Set up a Zoom call on {topic} {when}{with?}{zdur?}",
            "Easier to just talk it through. Make a Zoom link for {topic} {when}{zdur?}{with?}",
            "We keep going back and forth on this one. "
            "I need a Zoom meeting about {topic} {when}{with?}{zdur?}",
            "I'll need to share my screen for this one, so spin up a Zoom on {topic} {when}{with?}{zdur?}",
            "Can you sort out a Zoom about {topic} {when}{with?}{zdur?}? "
            "Some decisions need making and I want everyone on the same page",
            "I'm dashing from one thing to the next, so could you set up a Zoom call to discuss {topic} "
            "{when}{zdur?}{with?}?",
            "Nobody's in the office on Fridays any more, so it'll have to be video. "
            "Zoom link for {topic} {when}{zdur?}{with?}",
            "Phone calls are useless for this sort of thing; I'd rather see faces. "
            "Zoom on {topic} {when}{zdur?}{with?}, please",
            "The email thread about {topic} has gone on forever. "
            "Let's sort it over Zoom {when}{zdur?}{with?}",
            "The client's based in Singapore, so meeting in person is out. "
            "Zoom about {topic} {when}{with?}{zdur?}",
        ],
        "reordered": [
            "{When}, a Zoom meeting about {topic}{with?}{zdur?} — set it up",
            "About {topic}: Zoom call {when}{with?}",
        ],
        "narrative": [
            "We can't meet in person this week, so create a Zoom meeting about {topic} {when}{with?}{zdur?}",
            "Everyone is remote for {topic}. Set up a zoom {when}{zdur?}{with?}",
        ],
    },
    "reminder": {
        "imperative": [
            "Remind me to {task}{when?}{list?}{prio?}",
            "Set a reminder to {task}{when?}{prio?}{list?}{rnote?}",
            "Create a reminder: {task}{when?}{list?}{prio?}",
            "Add a reminder to {task}{when?}{rnote?}{list?}",
            "Remind me {when} to {task}{list?}{prio?}",
            "Add {task} to {mylist}{when?}{prio?}",
        ],
        "polite": [
            "Could you remind me to {task}{when?}{prio?}?",
            "Please set a reminder to {task}{when?}{list?}{rnote?}",
            "Can you add {task} to {mylist}{when?}{prio?}",
            "Would you remind me {when} to {task}{list?}",
        ],
        "casual": [
            "don't let me forget to {task}{when?}{prio?}",
            "nudge me to {task}{when?}{list?}",
            "ping me to {task}{when?}{prio?}",
            "bug me to {task}{when?}{list?}",
            "chuck a reminder in for me to {task}{when?}{list?}{prio?}",
            "yo remind me to {task}{when?} pls",
        ],
        "terse": [
            "reminder: {task}{when?}{list?}{prio?}",
            "todo {task}{when?}{list?}",
            "remind {task}{when?}{prio?}",
            "reminder {when}: {task}{list?}",
        ],
        "first_person": [
            "I need to {task}{when?}, remind me{list?}{prio?}",
            "I have to {task}{when?}{prio?}. Set a reminder{list?}",
            "I keep forgetting to {task}, remind me{when?}{list?}",
        ],
        "spoken": [
            "uh remind me to {task}{when?}{prio?}",
            "okay so remind me {when} to {task}{list?}",
            "can you like remind me to {task}{when?}",
            "oh and make sure I remember to {task}{when?}{prio?}",
        ],
        "fronted": [
            "{When}, give me a nudge to {task}{list?}{prio?}",
            "{Task}{when?}{prio?}: put that in {mylist}",
            "My {lst} list gets a new one: {task}{when?}{prio?}{rnote?}",
            ("Top priority: remind me to {task}{when?}{list?}{rnote?}", {"priority": 1}),
            ("Low priority one for {mylist}: {task}{when?}{rnote?}", {"priority": 9}),
            "The one thing I mustn't skip{when?} is to {task}, so add a reminder{list?}{prio?}",
            "{Task}{when?} has to go on {mylist}{prio?}{rnote?}",
            "{Task} — that one's on me. Remind me{when?}{prio?}",
        ],
        "context": [
            "Somebody's counting on me for this. Remind me {when} to {task}{list?}{prio?}",
            "Just thought of something. Nudge me to {task}{when?}{list?}{prio?}",
            "My hands are full. Remind me to {task}{when?}{prio?}",
            "Trying to get organized. Set a reminder to {task}{when?}{list?}{prio?}",
            "Need this off my mind. Create a reminder: {task}{when?}{list?}{prio?}",
            "The house is full of guests, so I'll need a reminder to {task}{when?}{list?}{prio?}",
            "Give me a shout {when} to {task}{list?}{prio?}. "
            "It's the kind of job I'd happily put off forever",
            "Uni deadlines are piling up and my brain is fried. "
            "Can you set up a reminder to {task}{when?}{prio?}{rnote?}?",
            "Mum's phoned twice about this already. Remind me {when} to {task}{prio?}",
            "Back-to-back meetings all morning, and I'll forget to {task} unless you remind "
            "me{when?}{list?}{prio?}",
            "Read an email this morning saying I still need to {task}. Remind me{when?}{prio?}{list?}",
            "Off to the gym now, so nudge me {when} to {task}{list?}",
            "House is bedlam with the kids off school. I'll want a nudge to {task}{when?}{list?}",
            "just hung up with the garage and my head's all over the place. "
            "remind me to {task}{when?}{list?}",
        ],
        "reordered": [
            "{When}: {task}. Remind me{list?}{prio?}",
            "{When} I need to {task}, set a reminder{rnote?}",
            "On {mylist}, add {task}{when?}{prio?}",
        ],
        "narrative": [
            "I always forget things like this. Remind me to {task}{when?}{prio?}{list?}",
            "My week is crazy, so set a reminder to {task}{when?}{rnote?}",
        ],
    },
    "note_create": {
        "imperative": [
            "Create a note called {title}{content?}{folder?}",
            "Make a new note titled {title}{folder?}{content?}",
            "Start a note named {title}{content?}{folder?}",
            "Write a note called {title}{folder?}{content?}",
            "Start a new page called {title} in my {fold} folder{content?}",
            "Create {title} in the {fold} folder{content?}",
        ],
        "polite": [
            "Could you create a note called {title}{content?}{folder?}?",
            "Please make a note named {title}{folder?}{content?}",
        ],
        "casual": [
            "jot down a note called {title}{content?}{folder?}",
            "drop a note titled {title}{folder?}{content?}",
            "throw together a note named {title}{content?}",
            "start me a note called {title}{folder?}{content?}",
            "make me a {title} page in {fold}{content?}",
        ],
        "terse": [
            "new note {title}{content?}{folder?}",
            "create note {title}{folder?}{content?}",
            "note titled {title}{content?}",
            "new {title} under {fold}{content?}",
        ],
        "first_person": [
            "I want a new note called {title}{folder?}{content?}",
            "I need to write down a note named {title}{content?}{folder?}",
            "I'd like a fresh note titled {title}{content?}{folder?}",
        ],
        "spoken": [
            "okay make a note called {title} um{content?}{folder?}",
            "so uh create a note {title}{content?}",
        ],
        "fronted": [
            "The {fold} folder needs a new note called {title}{content?}",
            "My {fold} folder could use a note titled {title}{content?}",
            "Here's what goes in the note: {ctext}. Call it {title}{folder?}",
            "Content for a new note named {title}{folder?}: {ctext}",
            "Fresh note for the {fold} folder: call it {title}{content?}",
            "The title's {title}; set it up as a new note{folder?}{content?}",
            "{fold} folder, new entry titled {title}{content?}",
            "Into {fold} goes a new one called {title}{content?}",
        ],
        "context": [
            "In the middle of brainstorming. Start a note named {title}{content?}{folder?}",
            "Want this written somewhere safe. Make a new note titled {title}{folder?}{content?}",
            "Had an idea in the shower. Jot down a note called {title}{content?}{folder?}",
            "Revising for exams and need somewhere to keep it all, so start a new note titled "
            "{title}{content?}{folder?}",
            "My head's full of half-formed ideas. Could you set up a note called {title}{folder?}{content?}?",
            "Client kickoff went long and I've got a ton to capture. "
            "Make me a note named {title}{folder?}{content?}",
            "Got a new project on the go and want somewhere to plan it. "
            "Set up {title} in my {fold} folder{content?}",
            "Dentist appointment's at three, and this has to be written down before I go. "
            "Start a note called {title}{folder?}{content?}",
            "My mate keeps sending me recommendations and I lose track of them. "
            "Begin a note titled {title}{folder?}{content?}",
            "Just back from the garden centre full of ideas. "
            "Create a new note in {fold} called {title}{content?}",
        ],
        "reordered": [
            "In my {fold} folder, create a note called {title}{content?}",
            "A new note called {title}{folder?}{content?}, please",
        ],
        "narrative": [
            "I keep losing track of things, so create a note called {title}{content?}{folder?}",
            "Before I forget: make a note named {title}{content?}{folder?}",
        ],
    },
    "note_open": {
        "imperative": [
            "Open my {title} note{folder?}",
            "Open the note called {title}{folder?}",
            "Show me the {title} note{folder?}",
            "Pull up my note {title}{folder?}",
            "Open {title}{folder}",
            "Bring {title} up from the {fold} folder",
        ],
        "polite": ["Could you open my {title} note{folder?}?", "Please show me the note {title}{folder?}"],
        "casual": [
            "bring up my {title} note{folder?}",
            "pull up the note {title}{folder?}",
            "get my {title} note{folder?} up on screen",
            "pull {title} out of {fold} for me",
            "grab {title} from my {fold} folder and stick it on screen",
        ],
        "terse": [
            "open note {title}{folder?}",
            "show note {title}{folder?}",
            "open {title} ({fold} folder)",
            "show {title} in {fold}",
        ],
        "first_person": [
            "I need to see my {title} note{folder?}",
            "I want to read the note called {title}{folder?}",
        ],
        "spoken": [
            "um open the {title} note{folder?}",
            "okay show me my {title} note",
            "hey can you open up that note called {title}{folder?} real quick",
        ],
        "fronted": [
            "The note named {title}{folder?} is the one I need. Bring it up",
            "Somewhere in {fold} there's a note called {title}. Pull it up",
            "That {title} note of mine{folder?}, can you show it?",
            "Whatever I wrote in the {title} note{folder?}, show me",
            "My notes have one called {title}{folder?}; could you bring that one up?",
            "Over in {fold} I've got one called {title}. Can you open it?",
            "{title}, the one I keep in {fold}, is what I want to look at",
            "Inside my {fold} folder sits {title}; put it up on screen",
        ],
        "context": [
            "Need to check something. Open the note called {title}{folder?}",
            "Someone just asked about this. Show me the {title} note{folder?}",
            "I'm picking up where I left off. Pull up my note {title}{folder?}",
            "Blanking on the details, so bring up the note {title}{folder?}",
            "I'm about to go into a meeting and want a quick refresher. Open up my {title} note{folder?}",
            "Show me what's in my {title} note{folder?}, I want to make sure I didn't miss anything",
            "My flatmate is asking about the plan and it's all written in {title}{folder}. Bring that up",
            "Got a call with the landlord in a few minutes and everything's in {title}{folder}. Open it",
            "i put it all down in {title} under {fold} i think. can you get it up",
            "Phone's about to die and the details are in {title}{folder}, so open it quick",
            "Mum just rang asking about Sunday. Pull up {title} from {fold}, the answers are in there",
            "The school run is chaos but I need {title}{folder} before the bell goes. Get that one up",
        ],
        "reordered": ["The {title} note{folder?} — open it", "From my {fold} folder, open {title}"],
        "narrative": ["I wrote something down last week and need it now. Open the note {title}{folder?}"],
    },
    "note_append": {
        "imperative": [
            "Add {ctext} to my {title} note{folder?}",
            "Append {ctext} to the note {title}{folder?}",
            "Put {ctext} in my {title} note",
            "Update the {title} note{folder?} with {ctext}",
            "Add {ctext} to {title}{folder}",
        ],
        "polite": [
            "Could you add {ctext} to my {title} note{folder?}?",
            "Please append {ctext} to {title}{folder?}",
        ],
        "casual": [
            "tack {ctext} onto my {title} note",
            "throw {ctext} in the {title} note{folder?}",
            "pop {ctext} into my {title} note{folder?}",
            "chuck {ctext} onto the end of {title}{folder}",
        ],
        "terse": [
            "append to {title}: {ctext}",
            "note {title} += {ctext}",
            "add to note {title}{folder?}: {ctext}",
            "{title}{folder}: add {ctext}",
        ],
        "first_person": [
            "I want to add {ctext} to my {title} note{folder?}",
            "I need {ctext} in the {title} note",
            "I've got something to add to the {title} note{folder?}: {ctext}",
        ],
        "spoken": ["um add {ctext} to the {title} note", "okay so put {ctext} on my {title} note{folder?}"],
        "fronted": [
            "Here's another line for my {title} note{folder?}: {ctext}",
            "The {title} note{folder?} is missing something: {ctext}. Add it",
            "My {title} note{folder?} should also say {ctext}",
            "Need this in my {title} note{folder?} as well: {ctext}",
            "One more for the {title} note{folder?}, added at the end: {ctext}",
            "{title}{folder} needs one more line: {ctext}",
            "For {title}{folder}, tack on {ctext}",
            "Onto the bottom of {title}{folder} goes {ctext}",
        ],
        "context": [
            "That call went well. Append {ctext} to the note {title}{folder?}",
            "Keeping everything in one place. Update the {title} note{folder?} with {ctext}",
            "Small change of plans. Put {ctext} in my {title} note",
            "Picked up a useful bit of info, so stick {ctext} in my {title} note{folder?}",
            "Write {ctext} into the {title} note{folder?} so it doesn't get lost",
            "The teacher mentioned something worth keeping. "
            "Add {ctext} to the bottom of my {title} note{folder?}",
            "I've been keeping track of this in {title}{folder}. Add {ctext} to it",
            "The plumber just left and said something worth keeping. Put {ctext} in {title}{folder}",
            "My boss sent a change over email that belongs in {title}{folder}; append {ctext}",
            "Meeting with the accountant is at four, and {title}{folder} is where I keep my "
            "questions for her. Add {ctext} there",
            "so {title}{folder} is where i'm collecting everything. tack on {ctext}",
            "Already texted my brother about it, but I want it written down as well: add "
            "{ctext} to {title}{folder}",
        ],
        "reordered": [
            "To my {title} note{folder?}, add {ctext}",
            "{ctext} — append that to the note {title}",
        ],
        "narrative": ["I just remembered something for {title}. Add {ctext} to that note{folder?}"],
    },
    "maps_open": {
        "imperative": [
            "Show me {place} on the map",
            "Open {place} in Maps",
            "Find {place} on the map",
            "Show {place} on a map",
        ],
        "polite": ["Could you show me {place} on the map?", "Can you open {place} in Maps?"],
        "casual": [
            "pull up {place} on the map",
            "where's {place}",
            "bring up {place} in maps",
            "whereabouts is {place}",
            "where on earth is {place}, show me",
        ],
        "terse": [
            "map {place}",
            "maps: {place}",
            "locate {place}",
            "{place} on map",
        ],
        "first_person": [
            "I want to see {place} on the map",
            "I need to know where {place} is",
            "I'm trying to figure out where {place} is, can you show me on the map",
        ],
        "spoken": ["um where is {place}", "okay show me {place} on the map"],
        "fronted": [
            "The spot I mean is {place}. Find it on the map",
            "Location of {place}: bring it up in Maps",
            "What I'm looking for is {place}; can you find it in Maps?",
            "{place} I've heard of but couldn't point to, so put it on the map for me",
            "Exactly where {place} is, I'd like to see on the map",
            "{place}? No idea where that is. Maps, please",
            "{place} keeps coming up in conversation; bring it up on the map",
        ],
        "context": [
            "Never been to {place}. Open it in Maps",
            "Trying to picture the area. Find {place} on the map",
            "Planning a visit. Pull up {place} on the map",
            "Sorting out accommodation for a holiday, so could you put {place} up on the map?",
            "My sense of direction is hopeless. Where on the map is {place}?",
            "Can you show me where {place} is on a map? I want to get a feel for the neighborhood",
            "A colleague mentioned {place} in the standup and I nodded like I knew it. "
            "Where is it, actually? Show me on the map",
            "My daughter's school trip is to {place} next week. Let me see it on a map",
            "Got an email from the landlord mentioning {place}. Pull it up in Maps",
            "reading a novel set around {place} and want to picture it. open it in maps",
            "We might meet up around {place} on Saturday and I haven't a clue which part of town that is. "
            "Locate it for me on the map",
            "Grandad used to talk about {place} all the time. I'd love to see where it is on a map",
        ],
        "reordered": ["{place} — show it on the map", "On the map, show me {place}"],
        "narrative": ["A friend told me about {place} and I have no idea where it is. Show it on the map"],
    },
    "directions": {
        "imperative": [
            "Get directions to {dest}{from?}{mode?}",
            "Navigate to {dest}{mode?}{from?}",
            "Show me the way to {dest}{from?}{mode?}",
            ("Give me walking directions to {dest}{from?}", W),
            ("Show transit directions to {dest}{from?}", R),
            ("Show driving directions to {dest}{from?}", D),
        ],
        "polite": [
            "Could you get me directions to {dest}{from?}{mode?}?",
            ("Can you show me how to walk to {dest}{from?}", W),
            ("Please show me how to get to {dest} by public transport{from?}", R),
        ],
        "casual": [
            "how do I get to {dest}{from?}{mode?}",
            ("how do I walk to {dest}{from?}", W),
            ("get me to {dest} by train{from?}", R),
            ("drive me to {dest}{from?}", D),
            "what's the quickest way to {dest}{from?}{mode?}",
            "get me over to {dest}{from?}{mode?}",
        ],
        "terse": [
            "directions {dest}{from?}{mode?}",
            ("walk to {dest}{from?}", W),
            ("route to {dest}{from?} transit", R),
            "route {dest}{from?}{mode?}",
        ],
        "first_person": [
            "I need directions to {dest}{from?}{mode?}",
            ("I want to walk to {dest}{from?}", W),
            ("I'm taking the bus to {dest}{from?}, show me the way", R),
            ("I'm on foot, so point me towards {dest}{from?}", W),
        ],
        "spoken": [
            "um how do I get to {dest}{from?}{mode?}",
            ("okay so walking directions to {dest}{from?}", W),
        ],
        "fronted": [
            "Starting at {origin}, what's the route to {dest}{mode?}?",
            "The place I'm trying to reach is {dest}. Directions{from?}{mode?}, please",
            ("Walking over to {dest}{from?} — which way should I go?", W),
            ("Public transport to {dest}{from?}: what's the best route?", R),
            ("Driving to {dest}{from?}: what's the fastest way?", D),
            "{dest} is where I'm headed{from?}{mode?}; which way do I go?",
            ("Tube or bus to {dest}{from?}, whichever is quicker; show me the route", R),
            "{dest}{from?}{mode?}: which route should I take?",
            ("To {dest} on foot{from?}: lead the way", W),
        ],
        "context": [
            "Never been to this part of town. Get directions to {dest}{from?}{mode?}",
            ("The car's in the shop. How do I get to {dest} by public transport{from?}?", R),
            ("Could use the exercise. How do I walk to {dest}{from?}?", W),
            ("Got the car with me. Navigate to {dest}{from?}", D),
            "Battery's almost dead. Just show me the way to {dest}{from?}{mode?}",
            "Running late again and can't afford a wrong turn. Take me to {dest}{from?}{mode?}",
            ("Parking there is a nightmare, so what's the best way to get to {dest} by train{from?}?", R),
            ("I've got the shopping in the boot, so give me the driving route to {dest}{from?}", D),
            ("Heading over to {dest} in the car tonight, first time going there. Route{from?}, please", D),
            "Job interview in an hour and I'm still working out how to reach {dest}. "
            "Directions{from?}{mode?}",
            (
                "My friend's band is playing near {dest} and I'm taking the bus. "
                "Which buses do I need{from?}?",
                R,
            ),
            "Just got a text saying the party moved to {dest}. Take me there{from?}{mode?}",
            ("Meeting a client over by {dest} at ten and I'll walk. Which way{from?}?", W),
            "Mum needs me to come to {dest} right away. Quickest route{from?}{mode?}?",
            "so my cousin lives near {dest} and i've only ever been driven there. "
            "show me how to get there{from?}{mode?}",
        ],
        "reordered": [
            "To {dest}{from?}{mode?} — show me the route",
            ("On foot, how do I get to {dest}{from?}", W),
            ("By public transport, directions to {dest}{from?}", R),
        ],
        "narrative": [
            "I'm meeting friends at {dest} and I'm lost. Get me directions{from?}{mode?}",
            ("It's a nice day and I'd rather walk. Directions to {dest}{from?}", W),
        ],
    },
    "file_open": {
        "imperative": [
            "Open {file}",
            "Find the {file}",
            "Open the file {file}",
            "Find my {file} and open it",
            "Open up the {file} on my screen",
            "Get {file} open for me",
        ],
        "polite": ["Could you open the {file}?", "Please find {file} for me"],
        "casual": [
            "pull up the {file}",
            "dig up {file}",
            "open up that {file} doc",
            "fire up {file}",
        ],
        "terse": [
            "open {file}",
            "file {file}",
            "open: {file}",
        ],
        "first_person": [
            "I need the {file}",
            "I want to look at the {file}",
            "I need the {file} document open on my screen",
        ],
        "spoken": ["um open the {file}", "okay find {file}"],
        "fronted": [
            "The file I need is the {file}, so please open that",
            "The file called {file} should be somewhere on this computer. Can you open it?",
            "What I'm after is the {file}; pull it up",
            "My {file} document needs opening",
            "Out of all my files, it's the {file} I need open",
            "The {file} needs to be on my screen, now",
        ],
        "context": [
            "Have to check a couple of details. Open the file {file}",
            "Back at my desk. Find my {file} and open it",
            "Need to double-check something before I reply. Pull up the {file}",
            "The client is waiting on an answer, so open the {file} file for me",
            "My laptop just restarted and I lost everything I had open. Reopen the file {file}",
            "Open the {file} document, would you? I promised I'd give it a once-over",
            "I keep thinking about what the {file} says but can't remember the exact figures. Pull it up",
            "Meeting's been moved to the big room and I'm presenting from the {file}. Get it open",
            "Someone emailed asking whether I'd read the {file}. Honestly not yet, so open it",
            "Priya swears the numbers are in the {file}. Let me see it",
            "ok the printer's finally working, so open the {file} and i'll print it from there",
            "Flying out tomorrow and the {file} has the booking reference. Open it please",
            "my sister's phone number is somewhere in the {file}, can you open it",
            "Reviewing the {file} with the team at two. Open it so I can have a look first",
        ],
        "reordered": ["The {file} — open it", "{file}, find it and open it"],
        "narrative": ["I have a call in five minutes and need the {file}. Open it"],
    },
    "summarize": {
        "imperative": [
            "Summarize the {file}",
            "Give me a summary of {file}",
            "Summarize {file} for me",
            "Sum up the {file}",
        ],
        "polite": ["Could you summarize the {file}?", "Please give me a summary of the {file}"],
        "casual": [
            "tl;dr the {file}",
            "boil down {file} for me",
            "gimme the gist of the {file}",
            "give me the short version of the {file}",
            "skim the {file} for me and tell me what it says",
        ],
        "terse": ["summarize {file}", "summary {file}"],
        "first_person": ["I need a summary of the {file}", "I want the key points of {file}"],
        "spoken": [
            "um summarize the {file}",
            "okay so what's in the {file}, summarize it",
            "so what's the {file} actually say, give me the rundown",
        ],
        "fronted": [
            "Just the key points of the {file}, nothing more",
            "What I need summarized is the {file}",
            "In short, what does the {file} say?",
            "Main takeaways from the {file} are what I want, so condense it for me",
            "Bullet points are fine: just summarize the {file}",
            "The {file} in a few sentences, please",
        ],
        "context": [
            "Too many pages, too little patience. Sum up the {file}",
            "Need to sound informed in the meeting. Give me a summary of the {file}",
            "I have to present the highlights. Summarize {file} for me",
            "Skimming isn't going to cut it and I'm short on time. Give me the main points of the {file}",
            "My manager's asking questions about it and I haven't read a word yet, so summarise the {file}",
            "Can you cut the {file} down to a quick summary? Reading it on my phone is a pain",
            "My boss wants my thoughts on the {file} before the 3pm meeting. Give me the gist of it",
            "The {file} landed in my inbox this morning and it's forty pages long. Boil it down for me",
            "Promised Dad I'd read the {file} before we talk tonight. Sum it up for me",
            "on the train with patchy signal, so just summarize the {file}",
        ],
        "reordered": ["The {file} — summarize it", "A summary of {file}, please"],
        "narrative": ["I don't have time to read the whole {file}. Summarize it"],
    },
}
