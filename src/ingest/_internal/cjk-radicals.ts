/**
 * Code points a text layer never means → the characters they were drawn for. Some PDF producers (Chromium/Skia with
 * Noto CJK, some Office exports) write ToUnicode by mapping each glyph back to the lowest code point the font draws
 * with it, so 「民营企业」 reads as 「⺠营企业」, 「高新大道」 as 「⾼新⼤道」 and 「客户」 as 「客⼾」 (whose NFKC is the
 * traditional 戶). The table pairs every Kangxi/supplement radical, compatibility ideograph and rare ideograph that
 * Noto Sans/Serif CJK SC (regular and bold) draw with the glyph of a GB 2312 character — directly or after the font's
 * 'locl' substitution — with that character; computed from the fonts' cmap and GSUB tables with fontTools. Radicals
 * not in the table fold by NFKC.
 */
const PAIRS =
  "⺅亻⺉刂⺎兀⺐尢⺒巳⺓幺⺕彐⺖忄⺘扌⺙攵⺟母⺠民⺡氵⺣灬⺦丬⺨犭⺭礻⺰纟⺺肀⺾艹⺿艹⻁虎⻂衤⻄西⻅见⻆角⻈讠⻉贝⻋车⻌辶⻎辶⻐钅⻓长⻔门⻖阝⻘青⻙韦⻚页⻛风⻜飞" +
  "⻝食⻠饣⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻬齐⻮齿⻰龙⻳龟⼀一⼁丨⼂丶⼃丿⼄乙⼆二⼇亠⼈人⼉儿⼊入⼋八⼌冂⼍冖⼎冫⼏几⼐凵⼑刀⼒力⼓勹⼔匕⼕匚⼗十⼘卜⼙卩⼚厂" +
  "⼛厶⼜又⼝口⼞囗⼟土⼠士⼡夂⼣夕⼤大⼥女⼦子⼧宀⼨寸⼩小⼪尢⼫尸⼬屮⼭山⼮巛⼯工⼰己⼱巾⼲干⼳幺⼴广⼵廴⼶廾⼷弋⼸弓⼹彐⼺彡⼻彳⼼心⼽戈⼾户⼿手⽀支⽁攴⽂文⽃斗" +
  "⽄斤⽅方⽆无⽇日⽈曰⽉月⽊木⽋欠⽌止⽍歹⽎殳⽏毋⽐比⽑毛⽒氏⽓气⽔水⽕火⽖爪⽗父⽘爻⽙爿⽚片⽛牙⽜牛⽝犬⽞玄⽟玉⽠瓜⽡瓦⽢甘⽣生⽤用⽥田⽦疋⽧疒⽩白⽪皮⽫皿⽬目" +
  "⽭矛⽮矢⽯石⽰示⽲禾⽳穴⽴立⽵竹⽶米⽷糸⽸缶⽹网⽺羊⽻羽⽼老⽽而⽾耒⽿耳⾀聿⾁肉⾂臣⾃自⾄至⾅臼⾆舌⾇舛⾈舟⾉艮⾊色⾌虍⾍虫⾎血⾏行⾐衣⾓角⾔言⾕谷⾖豆⾗豕⾘豸" +
  "⾚赤⾛走⾜足⾝身⾟辛⾠辰⾢邑⾣酉⾥里⾦金⾩阜⾪隶⾫隹⾬雨⾮非⾯面⾰革⾲韭⾳音⾷食⾸首⾹香⾻骨⾼高⾽髟⾿鬯⿀鬲⿁鬼⿅鹿⿇麻⿉黍⿊黑⿋黹⿍鼎⿎鼓⿏鼠⿐鼻⿕龠㬵胶戶户" +
  "更更滑滑串串句句金金喇喇奈奈螺螺裸裸洛洛烙烙珞珞落落酪酪卵卵拉拉浪浪狼狼老老路路露露弄弄牢牢磊磊雷雷漏漏累累陋陋勒勒肋肋丹丹率率北北便便不不泌泌索索塞塞省省沈沈" +
  "拾拾若若掠掠略略凉凉梁梁良良量量旅旅黎黎力力年年列列劣劣咽咽烈烈裂裂廉廉例例醴醴了了僚僚寮寮尿尿料料燎燎阮阮柳柳溜溜留留六六律律栗栗率率隆隆利利吏吏履履易易李李" +
  "梨梨泥泥理理痢痢罹罹里里溺溺吝吝林林淋淋立立炙炙什什刺刺切切度度拓拓洞洞暴暴行行廓廓兀兀猪猪益益神神祥祥福福羽羽都都侮侮勉勉勤勤卑卑器器墨墨悔悔敏敏暑暑梅梅海海" +
  "渚渚煮煮碑碑社社祉祉祈祈祖祖祝祝署署者者臭臭艹艹";

const SAME_GLYPH: ReadonlyMap<string, string> = (() => {
  const chars = [...PAIRS];
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < chars.length; i += 2) map.set(chars[i]!, chars[i + 1]!);
  return map;
})();

const escape = (c: string) => c.replace(/[\\\]^-]/g, "\\$&");
/** The code points to fold: the table's, and the radical and compatibility blocks that NFKC folds. */
const FOLDED = new RegExp(`[${[...SAME_GLYPH.keys()].map(escape).join("")}\\u2e80-\\u2fdf\\uf900-\\ufaff]`, "gu");

export function unifyRadicals(text: string): string {
  return text.replace(FOLDED, (c) => {
    const mapped = SAME_GLYPH.get(c);
    if (mapped !== undefined) return mapped;
    const n = c.normalize("NFKC");
    return SAME_GLYPH.get(n) ?? n;
  });
}
