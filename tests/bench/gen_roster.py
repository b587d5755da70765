#!/usr/bin/env python3
"""Writes a synthetic roster (代表名册) CSV for the import benchmark.

The rows look like a real township roster: the ten columns offices use, Chinese names
drawn with a realistic surname skew (so namesakes occur, as they do in real rosters),
~35 delegations each with a few deputy groups, birth months, parties and workplaces.
A fixed seed makes every run import the same bytes, so timings are comparable.

Usage: gen_roster.py OUT.csv [ROWS] [SEED]
"""

import csv
import random
import sys

# The most common surnames first: the skew (王, 李, 张 … cover a large share of people)
# is what produces namesakes inside a delegation, which the importer flags.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武"
    "戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮"
)
GIVEN_CHARS = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬建国建华志强永刚海燕春梅"
    "文斌晓东国强德明淑珍凤英立新金凤学军宏伟振华丽娟光明卫东红梅志明少华桂兰宝山玉兰福德春生"
    "子涵雨轩浩然思远欣怡梓萱晨曦嘉怡俊杰宇航博文子轩一鸣天佑"
)
ETHNICITIES = [("汉族", 90), ("回族", 2), ("满族", 2), ("壮族", 2), ("苗族", 1), ("土家族", 1),
               ("彝族", 1), ("蒙古族", 1)]
PARTIES = [("中共", 68), ("群众", 20), ("无党派", 5), ("民建", 2), ("民盟", 2), ("九三学社", 1),
           ("民进", 1), ("农工党", 1)]
TOWNS = ["城关", "新华", "东风", "红旗", "胜利", "向阳", "太平", "长安", "永安", "兴隆", "金山", "青山",
         "白马", "龙泉", "石桥", "柳河", "三河", "双桥", "河西", "河东", "南湖", "北山", "清水", "桃源",
         "杏花", "梨园", "荷塘", "松林", "桂花", "凤凰", "黄土", "大营", "高店", "马坊", "李庄"]
VILLAGE_SUFFIX = ["村", "社区", "居委会"]
POSTS = ["党支部书记", "村委会主任", "村民委员会委员", "党总支书记、主任", "妇联主席", "会计",
         "村民", "农民", "个体工商户", "教师", "校长", "卫生院院长", "医生", "合作社理事长",
         "企业负责人", "副总经理", "车间主任", "职工", "派出所所长", "农技员"]
GROUP_NAMES = ["第一代表小组", "第二代表小组", "第三代表小组", "第四代表小组", "第五代表小组"]


def weighted(pairs):
    """Expands (value, weight) pairs into a list to draw from uniformly."""
    return [v for v, w in pairs for _ in range(w)]


def main():
    out = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 20220125
    rng = random.Random(seed)
    ethnicities = weighted(ETHNICITIES)
    parties = weighted(PARTIES)
    # Two-character given names from the lists above, plus single characters.
    singles = list(dict.fromkeys(GIVEN_CHARS))
    doubles = [GIVEN_CHARS[i:i + 2] for i in range(0, len(GIVEN_CHARS) - 1, 2)]
    given = singles + doubles + [a + b for a in singles[:40] for b in singles[40:90]]
    # Zipf-like surname weights: rank r gets weight 1/r.
    surname_weights = [1.0 / (r + 1) for r in range(len(SURNAMES))]
    delegations = [f"{t}镇代表团" for t in TOWNS]
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["序号", "代表团", "代表小组", "姓名", "性别", "民族", "出生年月", "党派",
                    "工作单位及职务", "联系电话"])
        for n in range(1, rows + 1):
            town = rng.randrange(len(TOWNS))
            name = rng.choices(SURNAMES, surname_weights)[0] + rng.choice(given)
            village = TOWNS[rng.randrange(len(TOWNS))] + VILLAGE_SUFFIX[rng.randrange(3)]
            w.writerow([
                n,
                delegations[town],
                f"{TOWNS[town]}{GROUP_NAMES[rng.randrange(len(GROUP_NAMES))]}",
                name,
                "男" if rng.random() < 0.7 else "女",
                rng.choice(ethnicities),
                f"{rng.randint(1958, 1998)}年{rng.randint(1, 12)}月",
                rng.choice(parties),
                f"{TOWNS[town]}镇{village}{rng.choice(POSTS)}",
                f"13{rng.randrange(10)}{rng.randrange(100_000_000):08d}",
            ])


if __name__ == "__main__":
    main()
