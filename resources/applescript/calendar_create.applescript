on run argv
	-- Create a calendar event.
	-- argv: title, location, notes, calendar name ("" for the first writable calendar),
	-- start year, month, day, hour, minute, second, end year, month, day, hour, minute,
	-- second, n, invitee email × n
	set theTitle to item 1 of argv
	set theLocation to item 2 of argv
	set theNotes to item 3 of argv
	set calendarName to item 4 of argv
	set startDate to my dateFrom(argv, 5)
	set endDate to my dateFrom(argv, 11)
	set n to (item 17 of argv) as integer
	if (count of argv) is not (n + 17) then error "calendar_create: wrong number of arguments" number 2
	tell application "Calendar"
		if calendarName is "" then
			set cal to first calendar whose writable is true
		else
			if not (exists calendar calendarName) then error "There is no calendar named “" & calendarName & "” in Calendar." number 1
			set cal to calendar calendarName
		end if
		tell cal
			set ev to make new event at end of events with properties {summary:theTitle, start date:startDate, end date:endDate, location:theLocation, description:theNotes}
		end tell
		repeat with k from 1 to n
			tell ev
				make new attendee at end of attendees with properties {email:(item (k + 17) of argv)}
			end tell
		end repeat
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
