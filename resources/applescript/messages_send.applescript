on run argv
	-- Send one text to one recipient: by iMessage, or by SMS when iMessage fails.
	-- argv: recipient (phone number or iMessage address), text
	if (count of argv) is not 2 then error "messages_send: wrong number of arguments" number 2
	set target to item 1 of argv
	set theText to item 2 of argv
	tell application "Messages"
		try
			set svc to 1st account whose service type = iMessage
			send theText to participant target of svc
		on error
			set svc to 1st account whose service type = SMS
			send theText to participant target of svc
		end try
	end tell
	return "sent"
end run
