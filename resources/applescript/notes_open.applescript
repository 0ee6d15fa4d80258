on run argv
	-- Print the plain text of a note.
	-- argv: name, folder name ("" to search every folder)
	if (count of argv) is not 2 then error "notes_open: wrong number of arguments" number 2
	set theName to item 1 of argv
	set folderName to item 2 of argv
	tell application "Notes"
		if folderName is "" then
			set found to every note whose name is theName
		else
			if not (exists folder folderName) then error "There is no folder named “" & folderName & "” in Notes." number 1
			set found to every note of folder folderName whose name is theName
		end if
		if (count of found) is 0 then error "There is no note named “" & theName & "” in Notes." number 1
		return plaintext of item 1 of found
	end tell
end run
