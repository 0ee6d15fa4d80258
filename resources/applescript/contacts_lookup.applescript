on run argv
	-- Candidate people for a name: everyone whose name contains one of the terms,
	-- or everybody when there are no terms (TinyAgent then matches fuzzily itself).
	-- argv: kind ("email" or "phone"), n, term × n
	-- Prints one record per address or number, records separated by character id 30,
	-- fields by character id 31: person's name, label, value.
	set kind to item 1 of argv
	set n to (item 2 of argv) as integer
	if (count of argv) is not (n + 2) then error "contacts_lookup: wrong number of arguments" number 2
	if kind is not "email" and kind is not "phone" then error "contacts_lookup: unknown kind" number 2
	set records to {}
	set seen to {}
	tell application "Contacts"
		if n is 0 then
			my addPeople(every person, kind, seen, records)
		else
			repeat with k from 1 to n
				set term to item (k + 2) of argv
				my addPeople((every person whose name contains term), kind, seen, records)
			end repeat
		end if
	end tell
	return my joinWith(records, character id 30)
end run

-- Adds a record per email or phone of each person not seen yet (the lists are shared).
on addPeople(people, kind, seen, records)
	tell application "Contacts"
		repeat with p in people
			set pid to id of p
			if seen does not contain {pid} then
				set end of seen to pid
				set pname to my clean(name of p)
				if kind is "email" then
					set vals to emails of p
				else
					set vals to phones of p
				end if
				repeat with v in vals
					set end of records to my joinWith({pname, my clean(label of v), my clean(value of v)}, character id 31)
				end repeat
			end if
		end repeat
	end tell
end addPeople

on joinWith(xs, sep)
	set saved to AppleScript's text item delimiters
	set AppleScript's text item delimiters to sep
	set joined to xs as text
	set AppleScript's text item delimiters to saved
	return joined
end joinWith

-- The separators may not appear inside a field: replace them with spaces.
on clean(t)
	if t is missing value then return ""
	set t to t as text
	set saved to AppleScript's text item delimiters
	repeat with c in {character id 30, character id 31}
		set AppleScript's text item delimiters to (contents of c)
		set parts to text items of t
		set AppleScript's text item delimiters to " "
		set t to parts as text
	end repeat
	set AppleScript's text item delimiters to saved
	return t
end clean
