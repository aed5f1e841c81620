# embed_file.cmake: -DIN=<file> -DOUT=<generated .c> -DNAME=<symbol>: the file as a C string.
file(READ ${IN} hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," hex "${hex}")
file(WRITE ${OUT} "/* generated from ${IN}: do not edit */\nconst char ${NAME}[] = {${hex}0};\n")
