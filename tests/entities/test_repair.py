"""Span repairs (pipeline/entities/repair.py), the character-level name finder
and the related merge rules. Model output is simulated on a rules-only pipeline,
so these run without the statistical model; sentences are written for the tests."""
import pytest

from pipeline.entities.namefinder import NameFinder


def merged(rules_nlp, text, model_spans):
    """Run the rule components on a doc whose ents stand in for the model's output.

    ``model_spans``: (substring, label) pairs, located by their first occurrence.
    """
    doc = rules_nlp.make_doc(text)
    ents = []
    for sub, label in model_spans:
        s = text.index(sub)
        span = doc.char_span(s, s + len(sub), label=label)
        assert span is not None, f"{sub!r} is not on token boundaries: {[t.text for t in doc]}"
        ents.append(span)
    doc.ents = ents
    for name in ("av_span_ruler", "av_entity_merge"):
        doc = rules_nlp.get_pipe(name)(doc)
    return [(e.text, e.label_) for e in doc.ents]


def test_run_on_span_is_cut_at_a_break_word(rules_nlp):
    out = merged(rules_nlp, "星河传媒发布公告称业绩增长。", [("星河传媒发布公告", "ORG")])
    assert out == [("星河传媒", "ORG")]


def test_trailing_title_and_leading_role_word_are_stripped(rules_nlp):
    out = merged(rules_nlp, "江汉医院主任刘明表示，网红王小丫也来了。",
                 [("江汉医院主任", "ORG"), ("刘明", "PER"), ("网红王小丫", "PER")])
    assert ("江汉医院", "ORG") in out
    assert ("王小丫", "PER") in out
    assert not any(t in ("江汉医院主任", "网红王小丫") for t, _ in out)


def test_person_loses_a_role_word_after_the_name_and_bylines_split(rules_nlp):
    out = merged(rules_nlp, "编导：王淳、周婵文字：张三", [("周婵文字", "PER")])
    assert out == [("周婵", "PER")]          # and 张三, after the credit word 文字：, is a credit
    out = merged(rules_nlp, "网红王小丫主播的直播间。", [("王小丫主播", "PER")])
    assert out == [("王小丫", "PER")]
    out = merged(rules_nlp, "昆明8月17日电 (陈静 丁雪婷)视听周开幕。", [("陈静 丁雪婷", "PER")])
    assert ("陈静", "PER") in out and ("丁雪婷", "PER") in out


def test_latin_names_are_joined_and_lone_latin_person_dropped(rules_nlp):
    text = "歌手Lady Gaga演唱，Getty Images供图，Prompt很重要。"
    out = merged(rules_nlp, text, [("Lady", "PER"), ("Gaga", "PER"), ("Getty", "ORG"),
                                   ("Prompt", "PER")])
    assert ("Lady Gaga", "PER") in out
    assert ("Getty Images", "ORG") in out
    assert not any(t in ("Lady", "Gaga", "Getty", "Prompt") for t, _ in out)


def test_latin_extension_skips_product_codes(rules_nlp):
    out = merged(rules_nlp, "采用Cortex A35芯片", [("Cortex", "ORG")])
    assert ("Cortex A35", "ORG") not in out


def test_editor_credits_are_not_entities_but_reporters_are(rules_nlp):
    text = "记者张一鸣报道。责任编辑：王晓东 校对 李可 审核丨陈默"
    out = merged(rules_nlp, text, [("张一鸣", "PER"), ("王晓东", "PER"), ("李可", "PER"), ("陈默", "PER")])
    assert out == [("张一鸣", "PER")]


def test_masked_name_is_person(rules_nlp):
    assert merged(rules_nlp, "沈某被依法刑事拘留。", [("沈某", "LOC")]) == [("沈某", "PER")]


def test_government_unit_takes_its_place_and_sub_unit(rules_nlp):
    out = merged(rules_nlp, "江苏省宿迁市宿城区人民法院审理此案。", [("宿迁市宿城区人民法院", "ORG")])
    assert out == [("江苏省宿迁市宿城区人民法院", "ORG")]
    out = merged(rules_nlp, "长沙市公安局开福公安分局通报。", [("长沙市公安局", "ORG")])
    assert out == [("长沙市公安局开福公安分局", "ORG")]


def test_a_university_takes_its_school_and_a_county_its_media_centre(rules_nlp):
    # 清华大学 is a gazetteer name that is itself a unit: a school written after it is part of it.
    out = merged(rules_nlp, "清华大学美术学院教授介绍。", [("美术学院", "ORG")])
    assert out == [("清华大学美术学院", "ORG")]
    out = merged(rules_nlp, "大兴融媒报道了这一消息。", [("大兴", "LOC")])
    assert out == [("大兴融媒", "ORG")]


def test_a_platform_name_is_not_extended_to_a_unit_word(rules_nlp):
    # 抖音 is a gazetteer ORG but not a unit: 抖音 + 直播 + 中心 stays the platform.
    out = merged(rules_nlp, "抖音直播中心负责人介绍。", [])
    assert ("抖音", "ORG") in out and all("中心" not in t for t, _ in out)


def test_unit_extension_stops_at_ordinary_words(rules_nlp):
    out = merged(rules_nlp, "杭州的格局正在变化。", [])
    assert out == [("杭州", "LOC")]
    # a longer token ending in an ordinary word is no unit either (新格局, 分公司, 体系)
    assert merged(rules_nlp, "杭州新格局正在形成。", []) == [("杭州", "LOC")]
    assert ("杭州", "LOC") in merged(rules_nlp, "杭州分公司成立。", [])
    assert merged(rules_nlp, "清华大学评价体系发生变化。", []) == [("清华大学", "ORG")]


@pytest.mark.parametrize("text, name", [
    ("国家广播电视总局宣传司司长出席会议。", "国家广播电视总局宣传司"),       # a ministry's department
    ("复旦大学旅游学系教授表示。", "复旦大学旅游学系"),                      # a university's department
    ("清华大学工业工程系副教授认为。", "清华大学工业工程系"),
    ("中央广播电视总台军事频道播出。", "中央广播电视总台军事频道"),          # a broadcaster's channel
])
def test_a_unit_takes_its_department_or_channel(rules_nlp, text, name):
    assert merged(rules_nlp, text, []) == [(name, "ORG")]


def test_a_bare_copula_after_a_unit_is_no_department(rules_nlp):
    # 系 alone is "is", not a university department
    assert ("中央广播电视总台", "ORG") in merged(rules_nlp, "中央广播电视总台系国家媒体。", [])


def test_a_place_written_before_an_organisation_is_part_of_its_name(rules_nlp):
    # annotations.md: a place inside an organisation's name is not listed separately
    out = merged(rules_nlp, "杭州新东方发布公告，重庆国资委表示支持。", [])
    assert ("杭州新东方", "ORG") in out and ("重庆国资委", "ORG") in out
    assert ("杭州", "LOC") not in out and ("重庆", "LOC") not in out


def test_generic_authorities_are_dropped(rules_nlp):
    out = merged(rules_nlp, "警方表示，公安机关已介入。", [("警方", "ORG"), ("公安机关", "ORG")])
    assert out == []
    out = merged(rules_nlp, "组委会表示，联合调查组已进驻。", [("组委会", "ORG"), ("联合调查组", "ORG")])
    assert out == []


def test_country_and_foreign_city_stay_apart_chinese_address_joins(rules_nlp):
    assert merged(rules_nlp, "他出生于美国洛杉矶。", []) == [("美国", "LOC"), ("洛杉矶", "LOC")]
    assert merged(rules_nlp, "位于浙江省杭州市滨江区", []) == [("浙江省杭州市滨江区", "LOC")]


def test_model_org_ending_like_a_place_is_loc(rules_nlp):
    out = merged(rules_nlp, "上海浦东新区官方对外发布了政策。", [("上海浦东新区官方对外", "ORG")])
    assert out == [("上海浦东新区", "LOC")]


def test_model_place_does_not_swallow_a_known_organisation(rules_nlp):
    out = merged(rules_nlp, "华为云全球开发者大会", [("华为云全球", "LOC")])
    assert ("华为云全球", "LOC") not in out
    assert any(label == "ORG" and t.startswith("华为") for t, label in out)


def test_company_name_stops_at_function_words(rules_nlp):
    out = merged(rules_nlp, "活动邀请了山东星光影业有限公司参加。", [])
    assert ("山东星光影业有限公司", "ORG") in out
    assert not any(t.startswith(("了", "邀请")) for t, _ in out)


def test_names_glued_by_jieba_are_found(rules_nlp):
    out = merged(rules_nlp, "社交媒体平台新浪微博上月对用户调查。", [])
    assert ("新浪微博", "ORG") in out
    assert ("新浪", "ORG") not in out


@pytest.mark.parametrize("text, words, expected", [
    ("平台新浪微博上月", ["平台", "新浪", "微博上", "月"], ["平台", "新浪", "微博", "上", "月"]),
    ("由谦寻文化", ["由谦寻", "文化"], ["由", "谦寻", "文化"]),
    ("中国人", ["中国人"], ["中国人"]),                   # not a function character
    ("三大理由", ["三", "大理由"], ["三", "大理由"]),        # 由 after a name is not a clitic
    ("黔东南州", ["黔东南州"], ["黔东南州"]),                # places are not split off suffixes
    ("华为云MetaStudio", ["华为云", "MetaStudio"], ["华为云", "MetaStudio"]),   # Latin word whole
    ("名气和辛巴有的一拼", ["名气", "和", "辛巴有", "的", "一", "拼"],
     ["名气", "和", "辛巴", "有", "的", "一", "拼"]),        # a word jieba's HMM made up round a name
    ("歌手王菲菲", ["歌手", "王菲菲"], ["歌手", "王菲菲"]),    # 王菲菲 is not a dictionary word, but
])                                                            # it is a name: 王菲 is not glued to 菲
def test_split_words(text, words, expected):
    finder = NameFinder([("新浪微博", "ORG", "新浪微博"), ("微博", "ORG", "微博"), ("谦寻", "ORG", "谦寻"),
                         ("中国", "LOC", "中国"), ("大理", "LOC", "大理"), ("黔东南", "LOC", "黔东南"),
                         ("Meta", "ORG", "Meta"), ("辛巴", "PER", "辛巴"), ("王菲", "PER", "王菲")])
    out = finder.split_words(text, words)
    assert "".join(out) == text
    assert out == expected


@pytest.mark.parametrize("text, expected", [
    ("国家网信办联合国家发展改革委发布", [(0, 5), (7, 14)]),   # 联合|国家发展改革委, not 联合国
    ("联合国教科文组织", [(0, 3)]),                     # no longer name runs past 联合国
    ("联合国", [(0, 3)]),                               # a name at the very end of the text
])
def test_a_longer_name_starting_inside_a_found_one_wins(text, expected):
    finder = NameFinder([("联合国", "ORG", "联合国"), ("国家发展改革委", "ORG", "国家发展和改革委员会"),
                         ("国家网信办", "ORG", "国家互联网信息办公室"), ("国家", "LOC", "x")])
    found, pos = [], 0
    while (m := finder.find(text, pos)) is not None:
        found.append(m)
        pos = m[1]
    assert found == expected


def test_bracket_the_span_opens_but_does_not_close_is_cut(rules_nlp):
    out = merged(rules_nlp, "南湖市烟草专卖局(公司)开展检查。", [("南湖市烟草专卖局(公司", "ORG")])
    assert ("南湖市烟草专卖局", "ORG") in out
    assert not any("(" in t for t, _ in out)


def test_legal_role_words_are_not_part_of_a_name(rules_nlp):
    out = merged(rules_nlp, "法院维持原判南湖市中级人民法院刑一庭的判决。",
                 [("维持原判南湖市中级人民法院刑一庭", "ORG")])
    assert not any(t.startswith("维持原判") for t, _ in out)
    # a registered company found by its suffix stops at the role word before it
    out = merged(rules_nlp, "当事人北京星河影视传播有限公司被罚款。", [])
    assert ("北京星河影视传播有限公司", "ORG") in out


def test_client_app_word_after_an_outlet_is_part_of_its_name(rules_nlp):
    out = merged(rules_nlp, "据中国青年报客户端报道，活动已经开始。", [])
    assert ("中国青年报客户端", "ORG") in out


@pytest.mark.parametrize("text, place, name", [
    ("广州市人工智能产业协会发布报告。", "广州市", "广州市人工智能产业协会"),
    ("临沂市果蔬种植专业合作社成立。", "临沂市", "临沂市果蔬种植专业合作社"),
    ("上海市人工智能计算中心正式启用。", "上海市", "上海市人工智能计算中心"),
    ("东莞市人民医院派出医疗队。", "东莞市", "东莞市人民医院"),
    ("扬州市委宣传部召开会议。", "扬州", "扬州市委宣传部"),
    ("她毕业于江南大学。", "江南", "江南大学"),
    ("温州都市报记者报道。", "温州", "温州都市报"),
])
def test_associations_cooperatives_centres_hospitals_and_papers_take_their_place(rules_nlp, text, place, name):
    assert merged(rules_nlp, text, [(place, "LOC")]) == [(name, "ORG")]


def test_the_centre_of_a_city_is_no_unit(rules_nlp):
    out = merged(rules_nlp, "他在北京市中心开了一家店。", [("北京市中心", "LOC")])
    assert ("北京市中心", "ORG") not in out
    out = merged(rules_nlp, "他在北京市中心开了一家店。", [("北京市", "LOC")])
    assert out == [("北京市", "LOC")]


TAILS = frozenset("的了被等说称在出以版")


@pytest.mark.parametrize("name, core", [
    ("蔡某出", "蔡某"),          # 蔡某|出生: jieba glued the next word's first character on
    ("彭某久拖", "彭某"),        # a mask followed by two characters: not a name
    ("王某某等", "王某某"),
    ("周某莲", "周某莲"),        # a mask and one name character is a masked full name
    ("张明称", "张明"),
    ("李文和", "李文和"),        # 和 ends given names (李文和): not a tail
    ("王晓东", "王晓东"),
    ("刘浩", "刘浩"),            # two characters: nothing to cut
    ("Lady Gaga", "Lady Gaga"),
])
def test_person_length_cuts_what_jieba_glued_on(name, core):
    from pipeline.entities.repair import person_length
    assert name[:person_length(name, TAILS)] == core


def test_model_number_after_a_brand_is_not_part_of_the_name(rules_nlp):
    out = merged(rules_nlp, "华硕的新品是一款65寸的显示器，华硕65寸屏幕已经上市。", [("华硕65", "ORG")])
    assert ("华硕", "ORG") in out and ("华硕65", "ORG") not in out


def test_company_name_starts_after_the_verb_that_names_it(rules_nlp):
    out = merged(rules_nlp, "该剧由一家叫东阳莲尘影视有限公司的企业出品。", [])
    assert ("东阳莲尘影视有限公司", "ORG") in out


@pytest.mark.parametrize("text, model_span, name", [
    ("王囡囡通过红十字会捐款。", "王囡", "王囡囡"),   # a doubled given name jieba split
    ("李明明天出发。", "李明", "李明"),               # 明天 is a word: not part of the name
    ("蔡某出生于1990年。", "蔡某出", "蔡某"),
    ("研究员孙承健以电影为例。", "孙承健以", "孙承健"),
    ("网红李萌主播的直播间。", "李萌主播", "李萌"),      # one word to jieba's HMM
    ("被告人吴广进利用职务便利。", "吴广", "吴广进"),      # a given name jieba split
    ("分析师郭明錤认为销量会增长。", "郭明", "郭明錤"),
    ("张勇表示公司将继续投入。", "张勇", "张勇"),          # 表示 is a word
    ("吴京来了。", "吴京", "吴京"),                        # 来 is a common word of its own
    ("刘涛版的电视剧。", "刘涛版", "刘涛"),                # 版 ends no given name
    ("记者 吴京", "吴京", "吴京"),                         # the text ends with the name
])
def test_person_end_restores_a_split_given_name(text, model_span, name):
    from pipeline.entities.repair import person_end
    s = text.index(model_span)
    end = person_end(text, s, s + len(model_span), TAILS, frozenset({"主播", "记者"}), frozenset("吴郭张刘"))
    assert text[s:end] == name


def test_a_kind_of_body_is_not_a_name_but_a_placed_one_keeps_its_place(rules_nlp):
    # 税务部门 names a kind of body; 广州市市场监管部门 stays one ORG so 广州市 is not listed alone
    out = merged(rules_nlp, "税务部门和民政部门应当共享数据。", [("税务部门", "ORG"), ("民政部门", "ORG")])
    assert out == []
    out = merged(rules_nlp, "广州市市场监管部门发布通知。", [("广州市市场监管部门", "ORG")])
    assert out == [("广州市市场监管部门", "ORG")]


def test_a_name_shaped_model_place_is_a_person_a_known_place_stays(rules_nlp):
    out = merged(rules_nlp, "主播井元林在直播间道歉。", [("井元林", "LOC")])
    assert out == [("井元林", "PER")]
    out = merged(rules_nlp, "球队在马德里集训。", [("马德里", "LOC")])      # a dictionary word: a place
    assert ("马德里", "LOC") in out
    out = merged(rules_nlp, "他们登上了杨家山。", [("杨家山", "LOC")])      # ends like a place
    assert out == [("杨家山", "LOC")]


def test_a_law_firm_is_one_organisation_with_its_name(rules_nlp):
    out = merged(rules_nlp, "北京观韬中茂律师事务所合伙人表示。", [("北京观韬中茂", "ORG")])
    assert out == [("北京观韬中茂律师事务所", "ORG")]
    out = merged(rules_nlp, "泰和泰律师事务所律师认为。", [("泰和泰", "LOC")])
    assert out == [("泰和泰律师事务所", "ORG")]


def test_two_known_offices_written_together_are_two(rules_nlp):
    out = merged(rules_nlp, "中共中央办公厅国务院办公厅印发了意见。", [("中共中央办公厅国务院办公厅", "ORG")])
    assert out == [("中共中央办公厅", "ORG"), ("国务院办公厅", "ORG")]


def test_a_gazetteer_name_matches_with_a_space_between_scripts(rules_nlp):
    out = merged(rules_nlp, "IT之家 8 月 15 日消息，据 36 氪报道，奇异果 TV 上线新功能。", [])
    assert ("36 氪", "ORG") in out and ("奇异果 TV", "ORG") in out


def test_spaced_spelling():
    from pipeline.entities.rules import spaced_spelling

    assert spaced_spelling("36氪") == "36 氪"
    assert spaced_spelling("奇异果TV") == "奇异果 TV"
    assert spaced_spelling("抖音") is None and spaced_spelling("HBO Max") is None


def test_latin_given_name_and_surname_are_a_person(rules_nlp):
    text = "彭博社Mark Gurman表示，法官 Yvonne Gonzalez Rogers 裁定，Epic Games 上诉。"
    out = merged(rules_nlp, text, [("Gurman", "ORG")])
    assert ("Mark Gurman", "PER") in out and ("Yvonne Gonzalez Rogers", "PER") in out
    assert not any(t == "Gurman" for t, _ in out)
    assert not any("Epic" in t and l == "PER" for t, l in out)      # not a given name


def test_a_given_name_alone_or_inside_a_latin_phrase_is_no_person(rules_nlp):
    out = merged(rules_nlp, "用户可以在Power On Mark功能中设置，Mark表示同意。", [])
    assert not any(l == "PER" for _, l in out)


def test_lower_case_latin_model_spans_are_ids_not_names(rules_nlp):
    # account IDs in contact lines; a name the gazetteers know in any case survives
    text = "合作请加微信 abcxyz2 或 Soul 用户 soul 社区，另见 Bilibili 的 qwerty 账号。"
    out = merged(rules_nlp, text, [("abcxyz2", "ORG"), ("soul", "ORG"), ("qwerty", "ORG"), ("Bilibili", "ORG")])
    assert ("abcxyz2", "ORG") not in out and ("qwerty", "ORG") not in out
    assert ("soul", "ORG") in out and ("Bilibili", "ORG") in out


def test_lower_case_latin_spans_stay_in_a_lower_cased_text(rules_nlp):
    # a text with no capitals at all (lower-cased corpora) says nothing about case
    text = "玩dota的时候认识了他。"
    assert ("dota", "ORG") in merged(rules_nlp, text, [("dota", "ORG")])


@pytest.mark.parametrize("text, name", [
    ("韩国面板厂LG Display发布新品。", "LG Display"),
    ("苹果收购了Beats Music。", "Beats Music"),
    ("该公司旗下的Facebook Israel负责此事。", "Facebook Israel"),
])
def test_a_gazetteer_latin_brand_takes_the_capitalised_words_after_it(rules_nlp, text, name):
    out = merged(rules_nlp, text, [])
    assert (name, "ORG") in out
    assert (name.split()[0], "ORG") not in out


@pytest.mark.parametrize("text, brand", [
    ("HTC Wildfire E Star手机发布。", "HTC"),       # a single letter: a product model goes on
    ("新款TCL Phantom X2上市。", "TCL"),            # a code with a digit
    ("LG CEO表示，业绩向好。", "LG"),                # an all-capital word is no part of the name
])
def test_a_brand_before_a_product_model_stays_the_brand(rules_nlp, text, brand):
    out = merged(rules_nlp, text, [])
    assert (brand, "ORG") in out
    assert not any(t.startswith(brand + " ") for t, _ in out)
