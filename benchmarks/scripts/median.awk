# Prints the median of the numbers on standard input.
{ v[NR] = $1 }
END {
  if (NR == 0) { print "n/a"; exit }
  n = asort(v)
  printf "%s\n", (n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2)
}
