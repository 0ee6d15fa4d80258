on run argv
	-- The email selected in Mail's front viewer; takes no arguments.
	-- Prints five fields separated by character id 31: sender's address, sender's name,
	-- reply-to address ("" if none), subject, Message-ID.
	tell application "Mail"
		set picked to {}
		try
			set picked to selected messages of message viewer 1
		end try
		if picked is missing value or (count of picked) is 0 then error "No email is selected in Mail. Select the email first, then try again." number 1
		set m to item 1 of picked
		set fromText to sender of m
		set fromAddress to extract address from fromText
		set fromName to extract name from fromText
		set replyAddress to ""
		try
			set replyText to reply to of m
			if replyText is not missing value and replyText is not "" then set replyAddress to extract address from replyText
		end try
		set fields to {my clean(fromAddress), my clean(fromName), my clean(replyAddress), my clean(subject of m), my clean(message id of m)}
	end tell
	set saved to AppleScript's text item delimiters
	set AppleScript's text item delimiters to character id 31
	set joined to fields as text
	set AppleScript's text item delimiters to saved
	return joined
end run

-- The separator may not appear inside a field: replace it with a space.
on clean(t)
	if t is missing value then return ""
	set t to t as text
	set saved to AppleScript's text item delimiters
	set AppleScript's text item delimiters to character id 31
	set parts to text items of t
	set AppleScript's text item delimiters to " "
	set t to parts as text
	set AppleScript's text item delimiters to saved
	return t
end clean
