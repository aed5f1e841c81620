-- The source of W1 alone (15 s of a1080.mp4 from 2 s): with --encoder null this measures
-- decoding plus the conversions in and out, the floor under W1's render-only rate.
return video((args.media or "/tmp/media") .. "/a1080.mp4"):sub(2, 17)
