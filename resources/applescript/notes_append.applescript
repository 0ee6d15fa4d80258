on run argv
	-- Append to a note, creating the note (and its folder) when missing.
	-- argv: name, folder name ("" to search every folder), HTML to append,
	-- HTML body for a new note (its first line is the name)
	-- Prints "appended" or "created".
	if (count of argv) is not 4 then error "notes_append: wrong number of arguments" number 2
	set theName to item 1 of argv
	set folderName to item 2 of argv
	set extraHtml to item 3 of argv
	set newBody to item 4 of argv
	tell application "Notes"
		set found to {}
		if folderName is "" then
			set found to every note whose name is theName
		else if exists folder folderName then
			set found to every note of folder folderName whose name is theName
		end if
		if (count of found) > 0 then
			set n to item 1 of found
			set body of n to (body of n) & extraHtml
			return "appended"
		end if
		if folderName is "" then
			set f to default folder of default account
		else if exists folder folderName then
			set f to folder folderName
		else
			tell default account
				set f to make new folder with properties {name:folderName}
			end tell
		end if
		make new note at f with properties {name:theName, body:newBody}
	end tell
	return "created"
end run
