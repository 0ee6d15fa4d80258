on run argv
	-- Create a note; the folder is created in the default account when missing.
	-- argv: name, body (HTML whose first line is the name), folder name ("" for the default folder)
	if (count of argv) is not 3 then error "notes_create: wrong number of arguments" number 2
	set theName to item 1 of argv
	set theBody to item 2 of argv
	set folderName to item 3 of argv
	tell application "Notes"
		set f to my folderFor(folderName)
		make new note at f with properties {name:theName, body:theBody}
	end tell
	return "created"
end run

on folderFor(folderName)
	tell application "Notes"
		if folderName is "" then return default folder of default account
		if exists folder folderName then return folder folderName
		tell default account
			return make new folder with properties {name:folderName}
		end tell
	end tell
end folderFor
