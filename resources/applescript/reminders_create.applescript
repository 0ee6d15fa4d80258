on run argv
	-- Create a reminder; the list is created when missing.
	-- argv: name, notes, list name ("" for the default list), priority (0-9),
	-- date mode ("none", "due" or "allday"), year, month, day, hour, minute, second
	-- (the six numbers are ignored when the mode is "none")
	if (count of argv) is not 11 then error "reminders_create: wrong number of arguments" number 2
	set theName to item 1 of argv
	set theNotes to item 2 of argv
	set listName to item 3 of argv
	set thePriority to (item 4 of argv) as integer
	set mode to item 5 of argv
	tell application "Reminders"
		if listName is "" then
			set L to default list
		else
			if not (exists list listName) then make new list with properties {name:listName}
			set L to list listName
		end if
		tell L
			set r to make new reminder with properties {name:theName, body:theNotes, priority:thePriority}
		end tell
		if mode is "due" then
			set due date of r to my dateFrom(argv, 6)
		else if mode is "allday" then
			set allday due date of r to my dateFrom(argv, 6)
		else if mode is not "none" then
			error "reminders_create: unknown date mode" number 2
		end if
	end tell
	return "created"
end run

-- A local date from six numeric arguments, independent of the user's date format.
on dateFrom(argv, i)
	set d to current date
	set day of d to 1
	set year of d to (item i of argv) as integer
	set month of d to (item (i + 1) of argv) as integer
	set day of d to (item (i + 2) of argv) as integer
	set hours of d to (item (i + 3) of argv) as integer
	set minutes of d to (item (i + 4) of argv) as integer
	set seconds of d to (item (i + 5) of argv) as integer
	return d
end dateFrom
