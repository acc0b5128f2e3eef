"""The class room: a second shell beside the window, where students join from their browsers to vote on
Washington's orders or play the allies' governments (a web server, its pages, the seats, the journal)."""
