# RouterOS export of router1 (example data for the restore module's EXAMPLES)
/system identity
set name=router1
