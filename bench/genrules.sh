#!/bin/sh
# genrules: writes N generated jurisdictions (100 by default) into DIR, to
# load besides the built-in rules (--add-rules DIR) and measure that the
# cost of one profile does not grow with the rule set
# (docs/performance.md, "Start-up that does not grow with the rule set").
#     sh bench/genrules.sh DIR [N]
# One in ten is a province with no programs (as rules/guangdong.yaml);
# the others are cities, copies of the files of Hangzhou, Nanning and
# Shenzhen (2 to 7 programs each, with their conditions, awards, pools
# and sources; 7 to 13 KB) under ids and names of their own, each with a
# province parent among the generated ones or the built-in.
set -e
dir=$1
n=${2:-100}
[ -n "$dir" ] || { echo "usage: genrules.sh DIR [N]" >&2; exit 2; }
src=$(dirname "$0")/../rules
mkdir -p "$dir"
rm -f "$dir"/gen-*.yaml
nprov=$(( (n + 9) / 10 ))
i=0
while [ $i -lt $nprov ]; do
	id=$(printf 'genprov%02d' $i)
	cat > "$dir/gen-$id.yaml" <<EOT
# A generated province (bench/genrules.sh): a place known, no programs.

jurisdiction:
  id: $id
  level: province
  name: {zh: 生成省$i, en: Genprov $i}
EOT
	i=$((i + 1))
done
k=0
while [ $i -lt $n ]; do
	id=$(printf 'gencity%03d' $k)
	case $((k % 3)) in
	0) t=hangzhou ;; 1) t=nanning ;; *) t=shenzhen ;;
	esac
	case $((k % 3)) in
	0|1) parent=$(printf 'genprov%02d' $((k % nprov))) ;;
	*) case $t in
	   hangzhou) parent=zhejiang ;;
	   nanning) parent=guangxi ;; *) parent=guangdong ;;
	   esac ;;
	esac
	sed -e "s/^  id: $t\$/  id: $id/" \
	    -e "s/^  name: .*/  name: {zh: 生成市$k, en: Gencity $k}/" \
	    -e "s/^  parent: .*/  parent: $parent/" \
	    -e "s/\\b$t\\./$id./g" -e "s/\\b$t-once\\b/$id-once/g" \
	    "$src/$t.yaml" > "$dir/gen-$id.yaml"
	i=$((i + 1))
	k=$((k + 1))
done
