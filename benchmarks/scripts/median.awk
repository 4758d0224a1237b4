# Prints the median of numbers given one a line, already sorted (sort -n | awk -f median.awk).
{ v[NR] = $1 }
END {
  if (NR == 0) { print "n/a"; exit }
  if (NR % 2) { print v[(NR + 1) / 2] } else { print (v[NR / 2] + v[NR / 2 + 1]) / 2 }
}
