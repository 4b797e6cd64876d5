"""Gazetteer and title rules (no statistical model involved)."""
import pytest

from pipeline.entities.gazetteer import default_dir, load_gazetteer


def ents(nlp, text):
    return [(e.text, e.label_, e.id_) for e in nlp(text).ents]


def test_title_becomes_work_without_brackets(rules_nlp):
    out = ents(rules_nlp, "第57次《中国互联网络发展状况统计报告》显示，河北省推出微短剧《苦果》《寿宴》。")
    assert ("中国互联网络发展状况统计报告", "WORK") in [(t, l) for t, l, _ in out]
    assert ("苦果", "WORK") in [(t, l) for t, l, _ in out]
    assert ("寿宴", "WORK") in [(t, l) for t, l, _ in out]
    assert not any("《" in t or "》" in t for t, _, _ in out)


def test_title_with_edition_keeps_parentheses(rules_nlp):
    out = ents(rules_nlp, "《中国网络视听发展研究报告（2026）》报告显示")
    assert [(t, l) for t, l, _ in out] == [("中国网络视听发展研究报告（2026）", "WORK")]


def test_outlets_in_brackets_are_org(rules_nlp):
    out = [(t, l) for t, l, _ in ents(rules_nlp, "据《证券日报》和《大河报》报道，另据《2024年国民经济和社会发展统计公报》")]
    assert ("证券日报", "ORG") in out
    assert ("大河报", "ORG") in out
    assert ("2024年国民经济和社会发展统计公报", "WORK") in out


def test_gazetteer_names_inside_a_title_are_not_separate(rules_nlp):
    out = ents(rules_nlp, "《国家广播电视总局关于进一步规范网络剧的通知》发布")
    assert [(t, l) for t, l, _ in out] == [("国家广播电视总局关于进一步规范网络剧的通知", "WORK")]


def test_aliases_map_to_canonical(rules_nlp):
    out = {t: (l, cid) for t, l, cid in ents(rules_nlp, "广电总局表示，抖音平台和B站都要落实要求。")}
    assert out["广电总局"] == ("ORG", "国家广播电视总局")
    assert out["抖音"] == ("ORG", "抖音")
    assert out["B站"] == ("ORG", "哔哩哔哩")
    gaz = load_gazetteer()
    assert gaz.canonical("抖音平台") == "抖音"
    assert gaz.canonical("国家网信办") == "国家互联网信息办公室"
    assert gaz.canonical("没有别名的名字") == "没有别名的名字"


def test_chinese_names_of_foreign_platforms_and_bodies(rules_nlp):
    # gazetteers 2026.11.25-1: everyday Chinese names of foreign platforms, international bodies, CCTV channels
    out = {t: (l, cid) for t, l, cid in ents(rules_nlp, "经合组织的报告在推特和油管上流传，CCTV-8随后播出了节目。")}
    assert out["推特"] == ("ORG", "Twitter")
    assert out["油管"] == ("ORG", "YouTube")
    assert out["经合组织"] == ("ORG", "经济合作与发展组织")
    assert out["CCTV-8"][0] == "ORG"


def test_foreign_telecoms_are_one_name_without_their_country(rules_nlp):
    # gazetteers 2026.11.25-7: 德国电信 is an operator, not 德国 + a word
    out = {(t, l) for t, l, _ in ents(rules_nlp, "德国电信、新加坡电信和SK电讯组建了联盟，大摩发布报告。")}
    assert {("德国电信", "ORG"), ("新加坡电信", "ORG"), ("SK电讯", "ORG"), ("大摩", "ORG")} <= out
    assert ("德国", "LOC") not in out and ("新加坡", "LOC") not in out


def test_ambiguous_names_need_list_context(rules_nlp):
    assert [t for t, _, _ in ents(rules_nlp, "理想、蔚来等品牌构建多平台音视频矩阵")] == ["理想", "蔚来"]
    assert ents(rules_nlp, "这是一个理想的结果，也是一种荣耀。") == []


def test_places_are_loc(rules_nlp):
    out = [(t, l) for t, l, _ in ents(rules_nlp, "河北省和杭州的创作者来到美国")]
    assert out == [("河北省", "LOC"), ("杭州", "LOC"), ("美国", "LOC")]


def test_company_names_and_no_place_inside(rules_nlp):
    out = [(t, l) for t, l, _ in ents(rules_nlp, "陶亚冬是南京硅基智能科技有限公司的创始人。")]
    assert ("南京硅基智能科技有限公司", "ORG") in out
    assert ("南京", "LOC") not in out


def test_a_company_name_keeps_its_own_brackets_only(rules_nlp):
    out = [t for t, l, _ in ents(rules_nlp, "签约仪式（华夏星河文化传媒（杭州）有限公司主办）在杭州举行。") if l == "ORG"]
    assert "华夏星河文化传媒（杭州）有限公司" in out
    assert not any(t.startswith("签约仪式") for t in out)


@pytest.mark.parametrize("sentence", [
    "这家门店的运营方，正是杭州云帆酒店管理有限公司。",
    "真正的出品方就是北京星河影业有限公司。",
])
def test_a_company_name_stops_at_a_copula(rules_nlp, sentence):
    out = [t for t, l, _ in ents(rules_nlp, sentence) if l == "ORG"]
    assert any(t.endswith("有限公司") for t in out)
    assert not any(t.startswith(("正是", "就是")) for t in out)


def test_boilerplate_has_no_entities(rules_nlp):
    assert ents(rules_nlp, "返回搜狐，查看更多") == []


def test_gazetteer_version_changes_with_content(tmp_path):
    import shutil

    copy = tmp_path / "gaz"
    shutil.copytree(default_dir(), copy)
    before = load_gazetteer(copy).sha
    (copy / "platforms.txt").write_text((copy / "platforms.txt").read_text(encoding="utf-8") + "新平台\n",
                                        encoding="utf-8")
    load_gazetteer.cache_clear()
    after = load_gazetteer(copy)
    assert after.sha != before
    assert ("新平台", "ORG", "platforms.txt") in after.entries


def _merge_with_model(rules_nlp, text, model_spans):
    """Run the rule components on a doc whose ents stand in for the model's output."""
    from spacy.tokens import Span

    doc = rules_nlp.make_doc(text)
    ents = []
    for s, e, label in model_spans:
        span = doc.char_span(s, e, label=label)
        assert span is not None, text[s:e]
        ents.append(span)
    doc.ents = ents
    for name in ("av_span_ruler", "av_entity_merge"):
        doc = rules_nlp.get_pipe(name)(doc)
    return [(e.text, e.label_, "rules" if e.id_ else "model") for e in doc.ents]


def test_policy_rule_wins_over_generic_extension(rules_nlp):
    text = "抖音平台演艺类直播达1.28亿场"
    assert _merge_with_model(rules_nlp, text, [(0, 4, "ORG")]) == [("抖音", "ORG", "rules")]


def test_policy_longer_model_name_keeps_place_inside(rules_nlp):
    text = "支持单位是中国侨联信息传播部。"
    s = text.index("中国侨联信息传播部")
    out = _merge_with_model(rules_nlp, text, [(s, s + 9, "ORG")])
    assert out == [("中国侨联信息传播部", "ORG", "model")]


def test_policy_model_fills_rest_and_is_cleaned(rules_nlp):
    text = "张伟说，AIGC与“华”、克雷格・莫菲特以及杭州市拱墅区人民法院"
    spans = [(0, 2, "PER"), (4, 8, "ORG"), (10, 11, "LOC")]
    k = text.index("克雷格")
    spans += [(k, k + 3, "PER"), (k + 4, k + 7, "PER")]
    c = text.index("杭州市拱墅区人民法院")
    spans += [(c, c + 10, "LOC")]
    out = _merge_with_model(rules_nlp, text, spans)
    assert ("张伟", "PER", "model") in out
    assert not any(t in ("AIGC", "华") for t, _, _ in out)          # non-entity, single char
    assert ("克雷格・莫菲特", "PER", "model") in out                   # joined at the name dot
    assert ("杭州市拱墅区人民法院", "ORG", "model") in out             # org suffix → ORG


def test_company_suffix_over_several_tokens(rules_nlp):
    out = [(t, l) for t, l, _ in ents(rules_nlp, "今年4月，谦寻（杭州）控股有限责任公司通过竞价取得地块。")]
    assert ("谦寻（杭州）控股有限责任公司", "ORG") in out
    assert ("杭州", "LOC") not in out


def test_adjacent_places_form_one_address(rules_nlp):
    out = [(t, l) for t, l, _ in ents(rules_nlp, "位于浙江省杭州市滨江区的园区")]
    assert out == [("浙江省杭州市滨江区", "LOC")]


def test_a_province_and_its_city_stay_two_places(rules_nlp):
    # only a full address of three divisions or more is one place
    out = [(t, l) for t, l, _ in ents(rules_nlp, "该公司总部位于福建省福州市，")]
    assert out == [("福建省", "LOC"), ("福州市", "LOC")]


def test_places_before_a_unit_belong_to_its_name(rules_nlp):
    out = [(t, l) for t, l, _ in ents(rules_nlp, "由六安市叶集区人民检察院提起公诉。")]
    assert out == [("六安市叶集区人民检察院", "ORG")]


def test_short_place_names_in_a_row_stay_apart(rules_nlp):
    out = [(t, l) for t, l, _ in ents(rules_nlp, "车队从河北沧州出发，前往湖北武汉。")]
    assert ("河北", "LOC") in out and ("沧州", "LOC") in out
    assert ("湖北", "LOC") in out and ("武汉", "LOC") in out
    assert not any(t in ("河北沧州", "湖北武汉") for t, _ in out)


def test_place_and_newspaper_word_is_the_newspaper(rules_nlp):
    out = [(t, l) for t, l, _ in ents(rules_nlp, "据郑州晚报报道，郑州警方通报。")]
    assert ("郑州晚报", "ORG") in out
    assert ("郑州", "LOC") in out      # the place on its own, elsewhere, stays a place


def test_model_span_in_brackets_and_tech_terms(rules_nlp):
    text = "电子世界争霸战（Tron）支持HDMI接口"
    s = text.index("（Tron）")
    h = text.index("HDMI")
    out = _merge_with_model(rules_nlp, text, [(s, s + 6, "WORK"), (h, h + 4, "ORG")])
    assert out == [("Tron", "WORK", "model")]


def test_public_figures_are_per(rules_nlp):
    out = [(t, l) for t, l, _ in ents(rules_nlp, "导演张艺谋与易烊千玺出席发布会。")]
    assert ("张艺谋", "PER") in out and ("易烊千玺", "PER") in out


def test_county_level_divisions_are_places(rules_nlp):
    # full names from admin_places.txt (cpca's division list); not the bare short forms
    doc = rules_nlp("他来自纳雍县，后来在七星关区工作。")
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("纳雍县", "LOC") in ents and ("七星关区", "LOC") in ents
    assert not any(e.text == "城区" for e in rules_nlp("城区交通拥堵。").ents)


def test_a_platforms_live_service_is_the_platform(rules_nlp):
    text = "他在快手直播间和抖音直播中带货。"
    s = text.index("抖音直播")
    out = _merge_with_model(rules_nlp, text, [(s, s + 4, "ORG")])
    assert ("抖音", "ORG", "rules") in out and ("抖音直播", "ORG", "model") not in out


def test_model_spans_that_are_bare_units_or_hold_a_percent_sign_are_dropped(rules_nlp):
    text = "执行局发现，新公司把会员价压到88VIP40%。"
    spans = [(0, 3, "ORG"), (text.index("新公司"), text.index("新公司") + 3, "ORG"),
             (text.index("88VIP40%"), text.index("88VIP40%") + 8, "LOC")]
    assert _merge_with_model(rules_nlp, text, spans) == []
