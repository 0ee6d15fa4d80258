on run argv
	-- Open an Apple Maps URL built by TinyAgent.
	-- argv: URL (must start with https://maps.apple.com/)
	if (count of argv) is not 1 then error "maps_open: wrong number of arguments" number 2
	set theURL to item 1 of argv
	if theURL does not start with "https://maps.apple.com/" then error "maps_open: only Apple Maps URLs are opened" number 2
	open location theURL
	return theURL
end run
