"""Templates for email, text messages, contact lookups, replies and forwards.

Keys: intent family -> style family -> templates. ``{slot}`` is filled by
``slots.Filler``; ``{x?}`` is optional (see ``fragments``); a capitalized slot name
capitalizes its first letter. ``(text, values)`` fixes values the wording implies.
"""

from __future__ import annotations

from training.dataset.fragments import Entry

COMM: dict[str, dict[str, list[Entry]]] = {
    "email": {
        "imperative": [
            "Email {who} about {topic}{msg?}{cc?}{att?}",
            "Send an email to {who} about {topic}{msg?}{att?}{cc?}",
            "Write to {who} regarding {topic}{msg?}{cc?}",
            "Send {who} an email about {topic}{att?}{msg?}",
            "Compose an email to {who} on {topic}{msg?}{cc?}{att?}",
            "Write an email to {who} about {topic}{cc?}{msg?}",
            "Email {who} about {topic} and tell them {say}{att?}",
        ],
        "polite": [
            "Could you email {who} about {topic}{msg?}{cc?}{att?}?",
            "Please send {who} an email regarding {topic}{msg?}{att?}",
            "Would you mind writing an email to {who} about {topic}{msg?}{cc?}?",
            "Can you please draft an email to {who} about {topic}{cc?}{msg?}",
            "Would you be so kind as to email {who} about {topic}{msg?}{cc?}{att?}?",
            "Could you email {who} about {topic} and let them know {say}{cc?}?",
        ],
        "casual": [
            "shoot {who} an email about {topic}{msg?}{cc?}",
            "drop {who} a line about {topic}{msg?}{att?}",
            "ping {who} by email about {topic}{msg?}",
            "fire off an email to {who} re {topic}{msg?}{cc?}",
            "hit up {who} over email about {topic}{msg?}{att?}",
            "loop {who} in on {topic} by email{msg?}",
            "quick email to {who} about {topic}, tell them {say}{cc?}",
            "email {who} re {topic} n tell them {say}",
            "drop an email to {who} on {topic} to say {say}{att?}",
        ],
        "terse": [
            "email {who} re {topic}{msg?}{cc?}{att?}",
            "mail {who}: {topic}{msg?}",
            "email to {who}, subject {topic}{msg?}{cc?}{att?}",
            "new email to {who} about {topic}{msg?}{cc?}",
            "email {who} re {topic}, msg: {say}{cc?}",
        ],
        "first_person": [
            "I need to email {who} about {topic}{msg?}{cc?}{att?}",
            "I want to send {who} an email about {topic}{msg?}{att?}",
            "I'd like to write to {who} about {topic}{msg?}{cc?}",
            "I need to let {who} know about {topic} by email, tell them {say}{att?}",
        ],
        "spoken": [
            "okay so email {who} about {topic}{msg?}{cc?}{att?}",
            "um send an email to {who} uh about {topic}{msg?}",
            "so I gotta email {who} about {topic}{msg?}{att?} can you do that",
            "uh so email {who}, it's about {topic}, and tell them {say}",
            "yeah so email {who} about {topic} n let them know {say}{cc?}",
        ],
        "fronted": [
            "For {who}: write up an email about {topic}{msg?}{cc?}{att?}",
            "Re {topic} — can you mail {who}{msg?}{cc?}?",
            "{who} — please email them about {topic}{msg?}{att?}{cc?}",
            "An email about {topic} needs to go out — send it to {who}{msg?}{cc?}{att?}",
            "Over email, fill {who} in on {topic}{msg?}{cc?}",
            "Subject: {Topic}. Email it to {who}{msg?}{cc?}{att?}",
            "With {who} as the recipient, compose an email about {topic}{msg?}{cc?}{att?}",
            "{Topic} is what I want covered — email {who} about it{msg?}{cc?}{att?}",
            "{Topic}: nobody's told {who} a thing yet, so email them{msg?}{cc?}",
            "On {topic}, I owe {who} an email — write it{msg?}{cc?}{att?}",
            "{Topic} — {who} should get a short email about it{msg?}{att?}",
            "Email to {who} re {topic} — tell them {say}{att?}{cc?}",
        ],
        "context": [
            "Quick thing. Email {who} about {topic}{msg?}{cc?}",
            "Got a question from {who} about {topic}, send them an email{msg?}",
            "Things have changed a bit. Write {who} an email about {topic}{msg?}{att?}",
            (
                "I've been putting this off and it's starting to bug me. "
                "Send {who} an email on {topic}{msg?}{cc?}{att?}"
            ),
            "Before I lose track of it, email {who} re {topic}{msg?}",
            "Need this off my plate. Draft an email to {who} about {topic}{cc?}{msg?}",
            "I'm stuck in back-to-back meetings, so could you email {who} about {topic}{msg?}{cc?}{att?}?",
            "Typing on this tiny screen is a pain. Get an email off to {who} about {topic}{msg?}{att?}",
            (
                "I'm absolutely shattered after the school run, "
                "so pop an email over to {who} about {topic}{msg?}{cc?}"
            ),
            "{who} kept asking me about {topic} all week. Email them{msg?}{cc?}",
            "{who} wanted to hear about {topic} as soon as I knew; drop them an email{msg?}",
            "I still haven't got back to {who} on {topic}. Write to them{msg?}{att?}",
            "{who} missed the briefing on {topic}, so fill them in by email{msg?}{cc?}",
            "Tried ringing {who} twice and it just went to voicemail. Email them about {topic} instead{msg?}",
            "My phone's on 2% so calling {who} is out. Get an email to them about {topic}{msg?}",
            (
                "The meeting about {topic} got moved to Thursday and nobody's told {who} yet. "
                "Email them{msg?}{cc?}"
            ),
            (
                "We're meeting at the café in ten minutes, "
                "but {who} should get the details on {topic} first. Pop them an email{msg?}{att?}"
            ),
            "{who} rang earlier about {topic} while I was out. Get back to them over email{msg?}",
            "The school sent a note home about {topic} and {who} ought to hear about it. Email them{msg?}",
            (
                "{who} kept texting me about {topic} over the weekend, but this needs to be in writing. "
                "Email them properly{msg?}{cc?}"
            ),
            (
                "Just landed and the roaming charges are brutal. "
                "{who} will want news on {topic}, so email them{msg?}"
            ),
            "Back from the GP with news about {topic}. Write {who} an email{msg?}",
            (
                "I said I'd send {who} something on {topic} before the weekend. "
                "Get it to them by email{msg?}{att?}"
            ),
            (
                "There's a thread about {topic} going round at work, but {who} never got added to it. "
                "Start a fresh email to them{msg?}{cc?}"
            ),
            "In the car, can't type. Email {who} re {topic}, tell them {say}{cc?}",
            "{who} asked about {topic} earlier. Email them back n say {say}",
        ],
        "reordered": [
            "About {topic}: email {who}{msg?}{cc?}{att?}",
            "{Topic} — send an email to {who}{msg?}{att?}",
            "To {who}, an email about {topic}{msg?}{cc?}",
            "Regarding {topic}, write {who} an email{msg?}{att?}",
        ],
        "narrative": [
            "I haven't heard back about {topic}, so email {who}{msg?}{cc?}",
            "I promised {who} an update on {topic}. Send them an email{msg?}{att?}",
            "There's an update on {topic} and {who} should know. Email them{msg?}{cc?}",
        ],
    },
    "sms": {
        "imperative": [
            "Text {who} that {say}",
            "Send {who} a text saying {say}",
            "Send a message to {who}: {say}",
            "Message {who} saying {say}",
            "Text {who}: {say}",
            "Send an SMS to {who} saying {say}",
            "Text {who} and tell them {say}",
            "Message {who} to let them know {say}",
            "Tell {who} by text that {say}",
        ],
        "polite": [
            "Could you text {who} that {say}",
            "Please send {who} a message saying {say}",
            "Would you text {who} and say {say}",
            "Can you please message {who}: {say}",
            "Would you mind getting a message to {who} that says {say}",
            "Could you text {who} and tell them {say}?",
            "Would you ping {who} to let them know {say}",
            "Can you send {who} a quick message letting them know {say}",
        ],
        "casual": [
            "let {who} know {say}",
            "ping {who} that {say}",
            "shoot {who} a text: {say}",
            "hit up {who} and say {say}",
            "txt {who} {say}",
            "tell {who} {say}",
            "give {who} a heads-up by text: {say}",
            "msg {who} n tell them {say}",
            "txt {who} + say {say}",
            "ping {who} to say {say}",
            "text {who} and let them know {say}",
            "shoot a msg to {who} and tell em {say}",
            "send {who} a quick txt, just say {say}",
            "hit {who} up on text, tell them {say}",
        ],
        "terse": [
            "sms {who}: {say}",
            "text {who} {say}",
            "msg {who} - {say}",
            "sms to {who} {say}",
            "new txt to {who}: {say}",
            "sms {who} n say {say}",
            "txt {who} w/ this: {say}",
            "{who} - txt: {say}",
        ],
        "first_person": [
            "I want to text {who} that {say}",
            "I need to let {who} know that {say}",
            "I'd like to send {who} a message saying {say}",
            "I gotta text {who}, tell them {say}",
            "I wanna msg {who} n say {say}",
            "can you text {who}, I should let them know {say}",
        ],
        "spoken": [
            "um text {who} that {say}",
            "okay text {who} and say {say}",
            "so can you like message {who} saying {say}",
            "uh text {who} real quick and tell em {say}",
            "yeah can you text {who} n tell them {say}",
            "hey so message {who} and like tell them {say}",
            "right, text {who}, just say {say}",
            "okay um ping {who} and say {say}",
        ],
        "fronted": [
            "A text for {who}: {say}",
            "{who} — shoot them a message that says {say}",
            "Over SMS, let {who} know {say}",
            "Here's a message for {who}, send it by text: {say}",
            "For {who}, a quick text saying {say}",
            "{who} should hear this by text: {say}",
            "The text going to {who} should say {say}",
            "About {who}: they're expecting a message from me, so text them: {say}",
            "{who} must hear from me before the call at three. Message them: {say}",
            "Just a text to {who}, no email: {say}",
            "{who} — txt em: {say}",
            "Text for {who}, tell them {say}",
        ],
        "context": [
            "Can't talk right now. Text {who}: {say}",
            "My hands are full. Send {who} a message saying {say}",
            "Just remembered something. Let {who} know {say}",
            "Got a missed call from {who}, text them back: {say}",
            "I'm in the middle of cooking and my hands are a mess, so message {who} saying {say}",
            "I'm on the train and the signal keeps dropping, so text {who} that {say}",
            "Class is about to start and phones have to be away. Message {who}: {say}",
            "Still in the waiting room at the doctor's. Send a quick text to {who} saying {say}",
            "{who} will be wondering where I've got to. Text them: {say}",
            "I owe {who} a reply from this morning. Send them a text saying {say}",
            "{who} left me a voicemail earlier. Message them back: {say}",
            "The meeting's overrunning and I'm already late for the next one. Text {who}: {say}",
            (
                "There's an email from {who} sitting in my inbox, but they'll see a text faster. "
                "Message them saying {say}"
            ),
            "I was going to email {who}, but a text is quicker. Text them instead: {say}",
            "{who} will be picking me up from the station in ten minutes. Let them know {say}",
            "Stuck on a call with the bank. Text {who} that {say}",
            "{who} can't take calls while recovering from the op. Drop them a message: {say}",
            "Parents' evening is at six and I'm still at work. Message {who} saying {say}",
            "{who} tried to reach me all afternoon. Fill them in by text: {say}",
            "My laptop's dead so email is out of the question; text {who} instead, saying {say}",
            "Just found the note {who} left on the fridge. Reply to them by text: {say}",
            (
                "Half term starts Friday and I haven't sorted childcare with {who} yet. "
                "Give them a nudge by text: {say}"
            ),
            "We're all meeting at the pub at eight. Message {who} saying {say}",
            "Driving rn. txt {who} n tell em {say}",
            "can't call, I'm in a meeting. msg {who}: {say}",
            "{who} keeps ringing me. Just text back n say {say}",
            "Battery's dying. Quick, text {who} and let them know {say}",
        ],
        "reordered": [
            "{Say} — text that to {who}",
            "To {who}: {say}. Send it as a text",
            "By text, tell {who} {say}",
        ],
        "narrative": [
            "I'm driving right now, so message {who} saying {say}",
            "My phone is on the charger across the room. Text {who}: {say}",
            "I promised to get back to {who}. Text them {say}",
        ],
    },
    "lookup_email": {
        "imperative": [
            "Find {one}'s email address",
            "Look up the email address of {one}",
            "Get me {one}'s email",
            "Look up {one}'s email",
        ],
        "polite": [
            "Could you look up {one}'s email address?",
            "Can you please find the email for {one}?",
            "Could you find out what {one}'s email address is?",
        ],
        "casual": ["what's {one}'s email", "grab {one}'s email address for me", "dig up {one}'s email"],
        "terse": ["email address for {one}", "{one} email address?", "get email {one}"],
        "first_person": [
            "I need {one}'s email address",
            "I'm looking for {one}'s email",
            "I'd like to know {one}'s email address",
        ],
        "spoken": ["uh what's {one}'s email again", "hey what's the email for {one}"],
        "fronted": [
            "For {one}, look up the email address",
            "{one}'s email address, find it for me",
            "From my contacts, get {one}'s email",
            "As for {one}, what email address do I have on file?",
            "The email I'm after is {one}'s, so pull that up",
            "Under {one} in my contacts, which email address is listed?",
            "{one}: I'll write to them myself later, just find their email address",
            "{one}'s email — I'm messaging them from my laptop tonight, so look it up",
        ],
        "context": [
            "Want to send something over. Find {one}'s email address",
            "My address book is a mess. Look up {one}'s email",
            "Need to add someone to a thread. Get me {one}'s email address",
            "It's not in my recent mail, so could you find the email address for {one}?",
            "Small thing. What's the email for {one}?",
            "The school form wants a contact email, so find {one}'s email address for me",
            "What's {one}'s email address? It's buried somewhere in my old inbox",
            "My phone got wiped and half my contacts went with it. Could you dig out {one}'s email address?",
            "I'll be emailing {one} later today and need their address. Dig it out for me",
            "Going to write to {one} tonight about the party. Which email do I have for them?",
            "Before I send anything to {one}, I need their email address. Find it",
            "Tomorrow I'm writing to {one} about the deposit, so pull up their email address for now",
            "{one} asked me to send over the photos at some point. Just get me their email address",
            (
                "I'm on a call with {one} and they want me to email them after. "
                "Which address have I got saved for them?"
            ),
            "The meeting notes need to go to {one} later, but for now I only want their email address",
            "Don't send anything yet, I just need {one}'s email address to put on a form",
        ],
        "reordered": ["{one} — what's their email address?", "The email address of {one}, please"],
        "narrative": [
            "I want to write to {one} but I don't have their address. Look it up",
            "I lost {one}'s email address, can you find it?",
        ],
    },
    "lookup_phone": {
        "imperative": [
            "Find {one}'s phone number",
            "Look up the number for {one}",
            "Get me {one}'s number",
            "Look up {one}'s cell",
        ],
        "polite": ["Could you look up {one}'s phone number?", "Can you please get {one}'s number?"],
        "casual": [
            "what's {one}'s number",
            "grab {one}'s digits for me",
            "find {one}'s mobile",
            "whats {one}'s cell",
            "what's {one}'s mobile number",
            "track down {one}'s number for me",
        ],
        "terse": ["phone number {one}", "{one} number?", "get number {one}", "{one}'s cell?"],
        "first_person": ["I need {one}'s phone number", "I'm trying to find {one}'s number"],
        "spoken": [
            "uh what's {one}'s number again",
            "hey what's the phone number for {one}",
            "hmm which number have I got for {one}",
        ],
        "fronted": [
            "For {one}, look up the phone number",
            "{one}'s cell number, find it for me",
            "In my contacts, find the number for {one}",
            "As for {one}, what phone number do I have saved?",
            "A mobile number for {one} is what I need — pull it up for me",
            "On {one}'s contact card, what's the phone number?",
            "{one} — I'm calling them on the way home, so find their number",
            "{one}'s mobile: I'll text them myself in a bit, just look it up",
        ],
        "context": [
            "Need to make a call. Find {one}'s number",
            "Want to call and check in. What's {one}'s number?",
            "This has to be sorted by phone, not email. Look up {one}'s phone number",
            "It's not in my recent calls, so could you get me the number for {one}?",
            "One sec. Grab {one}'s mobile number",
            "My battery's about to die, so quick, what's {one}'s mobile number?",
            "Find {one}'s number for me; the scrap of paper I wrote it on has vanished",
            "Plans for the carpool have changed. Get me {one}'s cell number",
            "Ringing {one} tonight, so I'll need their number",
            "I'll give {one} a call after dinner. Find their number for me, that's all",
            "Going to text {one} once I'm off the bus, so I need their mobile number",
            "{one} wants me to phone them about the boiler tomorrow. Pull up their number",
            "I've got an email from {one} asking me to call. Look up their phone number",
            "Meeting {one} at the station in twenty minutes. In case we miss each other, get me their mobile",
            "The plumber said to ring {one} to confirm. What number have I got for them?",
            "I'll message {one} from my work phone later, so just tell me their number",
        ],
        "reordered": ["{one} — what's their phone number?", "The number for {one}, please"],
        "narrative": [
            "I have to call {one} but don't have the number. Look it up",
            "I got a new phone and lost {one}'s number, find it",
        ],
    },
    "lookup_both": {
        "imperative": [
            "Find {one}'s phone number and email address",
            "Look up {one}'s number and email",
            ("Get me {one}'s email and phone number", {"first": "email"}),
            "Look up the phone number and the email for {one}",
        ],
        "polite": [
            "Could you find {one}'s number and email address?",
            ("Can you please get me the email address and phone number of {one}?", {"first": "email"}),
            "Please could you get me {one}'s number and email address?",
        ],
        "casual": [
            "what's {one}'s number and email",
            "grab {one}'s cell and email for me",
            ("dig up {one}'s email and their number too", {"first": "email"}),
        ],
        "terse": [
            "{one} phone and email",
            "number + email for {one}",
            ("email and cell for {one}", {"first": "email"}),
        ],
        "first_person": [
            "I need {one}'s phone number and email",
            ("I'm looking for {one}'s email address and mobile", {"first": "email"}),
            ("I've got to get hold of {one}'s email and phone number", {"first": "email"}),
        ],
        "spoken": [
            "uh what's {one}'s number and email again",
            "hey find me {one}'s number and their email too",
        ],
        "fronted": [
            "For {one}, look up the phone number and the email address",
            "{one}'s contact details — number and email, please",
            ("From my contacts, get {one}'s email address and mobile number", {"first": "email"}),
            "Both ways of reaching {one}, please: phone number and email",
            ("Whatever email address and mobile number I have for {one}, fetch both", {"first": "email"}),
            "{one}: I'll call or email them tomorrow, so dig out both the phone number and the email",
        ],
        "context": [
            "Need to reach someone. Find {one}'s number and email",
            "Updating my address book. Look up {one}'s phone and email",
            (
                "Want to invite them properly. Get me {one}'s email address and phone number",
                {"first": "email"},
            ),
            "I'm sorting out the guest list for the party, so pull up {one}'s number and email address",
            ("Look up {one}'s email and mobile — I'm putting together a contact sheet", {"first": "email"}),
            "New school year, new class list. Could you find {one}'s phone number and email?",
            "I'll be in touch with {one} next week, not sure how yet. Fetch the mobile as well as the email",
            (
                "Going to ring {one} and then follow up in writing, "
                "so get me a mobile and an email address for them"
            ),
            (
                "Sending {one} the contract later and calling them about it after. "
                "Pull up their email and number",
                {"first": "email"},
            ),
            (
                "Adding {one} to the emergency contacts for the school trip. "
                "Which mobile and email have I got for them?"
            ),
            "Don't contact {one} yet; I only want the mobile and the email I've got for them handy",
            (
                "We've got a call booked for Friday, but before then I need {one}'s email plus their mobile",
                {"first": "email"},
            ),
            (
                "{one} is my new landlord and I'll need to reach them at some point. "
                "Dig out the mobile and email I have saved"
            ),
        ],
        "reordered": [
            "{one} — what's their phone number and email?",
            ("The email and number for {one}, please", {"first": "email"}),
        ],
        "narrative": [
            "I need to get in touch with {one} and can't find their details. Look up their number and email",
            ("I lost {one}'s contact info. Find their email and phone number", {"first": "email"}),
        ],
    },
    "reply": {
        "imperative": [
            "Reply to this email saying {say}{cc?}{att?}",
            "Reply {say}{cc?}",
            "Respond to this email: {say}",
            "Reply to this email{att?}{cc?}",
            "Answer this email and say {say}{att?}",
            "Write back saying {say}{cc?}{att?}",
            "Reply to the selected email{saying?}{cc?}{att?}",
            "Answer the sender{saying?}{cc?}{att?}",
            "Reply and tell them {say}{att?}{cc?}",
        ],
        "polite": [
            "Could you reply to this email saying {say}{cc?}",
            "Please reply{saying?}{att?}",
            "Can you respond to this one and say {say}{cc?}{att?}",
            "Would you mind replying to this one{saying?}{cc?}{att?}",
            "Could you write back and let them know {say}{cc?}?",
        ],
        "casual": [
            "hit reply and say {say}{cc?}",
            "write back {say}{att?}",
            "answer this one: {say}{cc?}",
            "reply n say {say}{cc?}",
            "reply w/ {say}{att?}",
            "write back + tell em {say}",
        ],
        "terse": [
            "reply: {say}{cc?}{att?}",
            "reply {say}",
            "respond {say}{att?}",
            "re: {say}{cc?}",
            "reply - {say}",
        ],
        "first_person": [
            "I want to reply to this email saying {say}{cc?}{att?}",
            "I'd like to answer this with {say}",
            "I wanna reply to this n tell them {say}",
        ],
        "spoken": [
            "um reply to this and say {say}{cc?}",
            "okay so reply saying {say}{att?}",
            "uh yeah reply to them, tell em {say}{cc?}",
            "yeah answer that one, say {say}{att?}",
        ],
        "fronted": [
            "This one needs a reply: {say}{cc?}{att?}",
            "Back to the sender: {say}{cc?}",
            "In reply, say {say}{cc?}{att?}",
            "The email I'm reading — answer it{saying?}{cc?}{att?}",
            "For this email, write a short reply{saying?}{att?}{cc?}",
            "Whoever sent this gets a reply from me{saying?}{cc?}{att?}",
            "On this thread, send back a response{saying?}{cc?}{att?}",
            "That message from my sister about the weekend — write her back{saying?}",
            "The note from the dentist's office: reply to it{saying?}{att?}",
            "To whoever sent this — reply n tell them {say}{cc?}",
        ],
        "context": [
            "Just went through this one. Write back saying {say}{cc?}{att?}",
            "No need to overthink it. Reply saying {say}{att?}",
            "They're waiting on an answer from me, so respond to this email{saying?}{cc?}{att?}",
            "Thought it over. Answer this one: {say}{cc?}",
            "Okay, I've made up my mind. Reply {say}{cc?}",
            "Feeling a bit under the weather today, so just reply {say}{att?}",
            "The boss is hovering over my shoulder. Send a reply to this email{saying?}{cc?}{att?}",
            "The kids are in the bath and I've only got a minute. Write a reply that says {say}{cc?}",
            "The landlord's been chasing this for days. Reply {say}{cc?}",
            (
                "They asked me to call them about this, but I'd rather keep it in writing. "
                "Reply saying {say}{cc?}{att?}"
            ),
            "My next call starts any second. Fire back a quick reply to this{saying?}{cc?}",
            "Mum sent this one and she'll fret if I don't answer. Write back{saying?}{att?}",
            "This is the organiser asking for numbers for Thursday's meeting. Reply to them{saying?}{cc?}",
            "Rather than texting them, answer the email itself: {say}{cc?}",
            "Travel insurance sent this and I've got my passport and documents right here. Reply {say}{att?}",
            "The school's asking whether the kids can go on the trip. Write back{saying?}{cc?}",
            "Driving, can't type. Reply to this: {say}{cc?}",
            "Read it, all fine. Write back to say {say}{att?}",
        ],
        "reordered": ["{Say} — reply with that{cc?}{att?}", "As a reply to this email: {say}{cc?}"],
        "narrative": [
            "I just read this email and I'm in. Reply saying {say}{cc?}",
            "This needs an answer before tonight. Reply{saying?}{att?}{cc?}",
        ],
    },
    "forward": {
        "imperative": [
            "Forward this to {who}{fnote?}{cc?}{att?}",
            "Forward this email to {who}{cc?}{fnote?}",
            "Send this email on to {who}{fnote?}{att?}",
            "Pass this along to {who}{fnote?}{cc?}",
            "Forward the selected email to {who}{att?}{fnote?}",
            "Forward this message on to {who}{fnote?}{att?}{cc?}",
            "Share this email with {who} by forwarding it{fnote?}",
        ],
        "polite": [
            "Could you forward this to {who}{fnote?}{cc?}?",
            "Please forward this email to {who}{fnote?}{att?}",
            "Can you pass this on to {who}{cc?}{fnote?}",
            "Could you share this email with {who}{fnote?}{cc?}?",
            "Would you mind forwarding this one to {who}{fnote?}{cc?}?",
            "Could you pls fwd this to {who}{att?}{fnote?}",
        ],
        "casual": [
            "fwd this to {who}{fnote?}",
            "bounce this over to {who}{fnote?}{cc?}",
            "send this on to {who}{att?}",
            "bung this on to {who}{fnote?}{cc?}",
            "chuck this over to {who}{fnote?}{att?}",
        ],
        "terse": [
            "fwd to {who}{fnote?}{cc?}",
            "forward {who}{att?}",
            "fw to {who}{fnote?}",
            "send a fwd to {who}{cc?}{att?}",
        ],
        "first_person": [
            "I want to forward this email to {who}{fnote?}{cc?}{att?}",
            "I need {who} to see this, forward it",
            "I'd like {who} to get a copy of this, pls fwd{fnote?}{cc?}",
            "I want {who} in the loop on this, fwd it{fnote?}{att?}",
        ],
        "spoken": [
            "um forward this to {who}{fnote?}",
            "okay so forward this one to {who}{cc?}{att?}",
            "right, get this one over to {who}{fnote?}{cc?}{att?}",
            "yeah, {who} should see this, just forward it{fnote?}{cc?}",
            "hey can you send that email along to {who}{fnote?}",
        ],
        "fronted": [
            "The one I just opened, forward it to {who}{fnote?}{cc?}",
            "{who} — pass this email along to them{fnote?}{att?}",
            "The email on my screen goes to {who}, forward it{fnote?}{cc?}{att?}",
            "Next stop for this email: {who}. Forward it{fnote?}{cc?}",
            "This message needs to reach {who}, so forward it{fnote?}{att?}",
            "Straight to {who} with this one — forward it{fnote?}{cc?}",
            "As a forward, send this email to {who}{fnote?}{att?}{cc?}",
            "{who} — this is the one they've been waiting for, forward it{fnote?}{cc?}",
            "Over to {who}, since it's their project — forward this{fnote?}{att?}",
            "this one's for {who}, fwd it pls{fnote?}{cc?}",
            "{who} — they need this, fwd it over{fnote?}{att?}",
        ],
        "context": [
            "Not my area. Forward this to {who}{fnote?}{cc?}",
            "I'm not the right person for this one. Send it on to {who}{fnote?}{att?}",
            "Cleaning up my inbox. Forward this email to {who}{cc?}{fnote?}",
            "Someone else should handle this. Pass it along to {who}{fnote?}{cc?}{att?}",
            "Looks like it landed with me by mistake, so forward it to {who}{fnote?}",
            "I'm off on holiday and won't be checking mail, so forward this one to {who}{fnote?}{cc?}",
            "I'm off sick and can't face work stuff. Forward this on to {who}{fnote?}{att?}",
            "My partner deals with all the school paperwork. Pass this email to {who}{fnote?}{cc?}{att?}",
            "{who} brought up exactly this over lunch yesterday. Forward the email their way{fnote?}{cc?}",
            "{who} couldn't make the meeting, so send this on to them{fnote?}{att?}",
            "{who} took over the bookings last month. Pass this along to them{fnote?}{cc?}",
            "{who} will want to see this before their call at four. Forward it over{fnote?}",
            "{who} phoned me twice about this already. Forward them the email so it's in writing{fnote?}",
            "It's the travel itinerary and {who} will be on the trip too. Send it on to them{fnote?}{att?}",
            "The GP surgery sent this and {who} will know what to do with it. Bounce it over to them{fnote?}",
            "No need to text {who} about it, just forward them this email{fnote?}{cc?}",
            "On my phone and it's fiddly. Fwd this to {who}{fnote?}{cc?}",
            "{who} asked me for this one, so fwd it on{fnote?}{att?}",
        ],
        "reordered": [
            "To {who}: forward this email{fnote?}{cc?}",
            "This email — forward it to {who}{fnote?}{att?}",
        ],
        "narrative": [
            "{who} asked about this last week. Forward it to them{fnote?}{cc?}",
            "This looks relevant for {who}, so forward it{fnote?}{att?}",
        ],
    },
}
