on run argv
	-- Send an email the user approved.
	-- argv: mode ("new", "reply" or "forward"), Message-ID of the selected email the user
	-- approved ("" for new), subject, body, then three counted lists:
	-- n, to address × n, n, cc address × n, n, attachment POSIX path × n
	set mode to item 1 of argv
	set expectedId to item 2 of argv
	set theSubject to item 3 of argv
	set theBody to item 4 of argv
	set {toList, i} to my takeList(argv, 5)
	set {ccList, i} to my takeList(argv, i)
	set {attachmentList, i} to my takeList(argv, i)
	if i is not ((count of argv) + 1) then error "mail_send: wrong number of arguments" number 2
	tell application "Mail"
		if mode is "new" then
			set msg to make new outgoing message with properties {subject:theSubject, content:theBody, visible:false}
		else
			set original to my selectedMessage(expectedId)
			if mode is "reply" then
				set msg to reply original with opening window
			else if mode is "forward" then
				set msg to forward original with opening window
			else
				error "mail_send: unknown mode" number 2
			end if
			-- Mail filled in recipients; send to exactly the ones the user approved.
			delete every to recipient of msg
			delete every cc recipient of msg
			set subject of msg to theSubject
			if theBody is not "" then set content of msg to theBody & return & return & (content of msg)
		end if
		repeat with a in toList
			make new to recipient at end of to recipients of msg with properties {address:(contents of a)}
		end repeat
		repeat with a in ccList
			make new cc recipient at end of cc recipients of msg with properties {address:(contents of a)}
		end repeat
		repeat with p in attachmentList
			tell content of msg
				make new attachment with properties {file name:(POSIX file (contents of p)) as alias} at after last paragraph
			end tell
		end repeat
		-- Mail drops attachments that are still loading when the message is sent.
		if (count of attachmentList) > 0 then delay 1
		if not (send msg) then error "Mail could not send the email. Check your mail account in Mail." number 1
	end tell
	return "sent"
end run

on takeList(argv, i)
	set n to (item i of argv) as integer
	set xs to {}
	repeat with k from 1 to n
		set end of xs to item (i + k) of argv
	end repeat
	return {xs, i + n + 1}
end takeList

on selectedMessage(expectedId)
	tell application "Mail"
		set picked to {}
		try
			set picked to selected messages of message viewer 1
		end try
		if picked is missing value or (count of picked) is 0 then error "No email is selected in Mail. Select the email again, then try again." number 1
		set m to item 1 of picked
		if (message id of m) is not expectedId then error "The email selected in Mail changed after you confirmed. Select the email again, then try again." number 1
		return m
	end tell
end selectedMessage
