"""Requests no tool can serve: their gold plan is ``1. join()<END_OF_PLAN>``.

Knowledge questions and chit-chat are answered by the joiner; impossible actions
("order a pizza", "call Maria", "what's on my calendar") are actions none of the 16
tools can carry out, many of them close to ones that can, so the planner learns the
boundary. ``{person}``, ``{place}``, ``{city}`` are filled by the generator.
"""

from __future__ import annotations

from training.dataset.lexicon import lines

KNOWLEDGE = lines("""
what's the capital of Australia; how many ounces are in a pound; who wrote Pride and Prejudice
what is the boiling point of water in Fahrenheit; how far is the moon from the earth; what does DNA stand for
who painted the Mona Lisa; what's the square root of 144; how do you say thank you in Japanese
when did the Berlin Wall fall; what's the tallest mountain in Africa; how many continents are there
what is photosynthesis; who was the first person on the moon; what's 15 percent of 80
how long should I boil an egg; what's the difference between a virus and a bacterium; why is the sky blue
what's the population of Nigeria; how many days are in a leap year; what language do they speak in Brazil
who invented the telephone; what's the speed of light; how do I convert Celsius to Fahrenheit
what is a black hole; which planet is the largest; what's the currency of Japan
how many bones are in the human body
what's the longest river in the world; who is the author of One Hundred Years of Solitude; what is inflation
how does a vaccine work; what's the chemical symbol for gold; how many players are on a soccer team
what year did World War II end; what's the capital of Canada; how do I calculate compound interest
what does HTTP stand for; what's a haiku; how many time zones does Russia have; what is machine learning
what's the meaning of serendipity; who composed the Four Seasons; what's the highest waterfall
how tall is the Eiffel Tower; what's the capital of {country}; where is {city}; what time zone is {city} in
what's the best way to learn Spanish; how many calories are in a banana; what causes earthquakes
is a tomato a fruit; how do airplanes stay in the air; what's the plural of octopus; what is a prime number
""")

COUNTRIES = lines("""
Peru; Kenya; Vietnam; Norway; Morocco; Argentina; Indonesia; Portugal; Ghana; Mongolia; Chile; Finland
Ethiopia; Nepal; Uruguay; Senegal; Croatia; Iran; Colombia; New Zealand; Egypt; Poland; Sri Lanka; Jamaica
""")

CHIT_CHAT = lines("""
hello; hi there; good morning; hey; thanks; thank you so much; how are you; what's up; good night
tell me a joke; who are you; what can you do; you're awesome; never mind; ok cool; that's all for now
I'm bored; what's your name; are you a robot; I love you; sorry, wrong button; nothing, forget it
how's your day going; you're so helpful; bye; see you later; lol; haha nice; I'm tired; sing me a song
cancel that; stop; do you dream; can we chat for a bit; good job; thanks, that worked; hmm
good afternoon; good evening; hey there buddy; how's it going; what are you up to; you there?; testing 1 2 3
is this thing on; what's new; tell me something interesting; I'm back; did you miss me; that was quick
not now; maybe later; hold on; wait; let me think; oops; my bad; ignore that; all good; perfect, thanks
you're the best; thanks a lot; cheers mate; good night, talk tomorrow; morning!; yo what's good
how old are you; do you have feelings; what's your favorite color; make me laugh; I'm so happy today
I had a rough day; I'm hungry; it's raining again; happy Friday; happy new year; merry Christmas
""")

IMPOSSIBLE = lines("""
order a pizza; turn off the lights; play some jazz; book a flight to {city}; check the weather in {city}
set the thermostat to 21 degrees; call {person}; FaceTime {person}; what's on my calendar tomorrow
delete the last email; cancel my 3pm meeting; transfer 50 euros to {person}; post this on Instagram
translate this page into French; order an Uber to {place}; buy tickets for the concert; lock the front door
start the vacuum; open Spotify; take a screenshot; turn up the volume; mute my notifications
read my unread emails; how many emails did {person} send me; find a good sushi place near me
book a table at {place}; what's the traffic like to {place}; order groceries online; pay my phone bill
unsubscribe me from this newsletter; archive all my emails from {person}; show me my photos from {city}
what's my heart rate; track my package; turn on do not disturb
buy a gift card for {person}; rent a car in {city}; check my bank balance; restart my computer
video call {person}; block {person}'s number; share my screen; print this document; scan this receipt
delete my reminder about the dentist; move my 2pm meeting to 4; who texted me last; reply to {person}'s text
cancel my meeting {when}; cancel my appointment {day}; set an alarm {when}; wake me up {when}
book a table for 4 at {place} {when}; book a table for two {when}; what's the weather like {day}
is it going to rain {day}; will it be sunny in {city} {day}; what's on my calendar {day}; am I free {when}
book me a flight to {city} {day}; move my meeting {when} to the afternoon; decline the invite {day}
order a birthday cake {day}; call {person} {when}; turn on the heating {when}
book an Uber to {place} {when}; reserve a tennis court {when}; what time does the sun set {day}
check if {person} is free {when}; find a hotel in {city} {day}; buy train tickets to {city} {day}
do I have anything {day}; clear my schedule {day}; set a timer for 20 minutes; start a 10 minute timer
reschedule my dentist appointment {day}; how long will it take to get to {place} {when}
play my workout playlist {when}; order dinner from {place} {when}; snooze my alarm for 10 minutes
what did I have {day}; delete the event {day}; mark me as busy {when}; book a haircut {when}
I need a taxi to {place} {when}; get me a taxi to {place} {when}; play some dance music
play something relaxing; put some music on; order me a taxi; ring {person} back; is {person} online
has {person} got back to me; has {person} answered my email yet; how much is 300 dollars in euros
how many grams in a cup of flour; what's 18 percent of 240; turn the brightness down; open the garage door
""")
