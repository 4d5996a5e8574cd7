#!/bin/sh
echo "end-to-end: none yet"
