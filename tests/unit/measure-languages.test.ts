/** Language detection for catalogue descriptions (src/lib/text/languages.ts). */
import { describe, expect, it } from 'vitest';
import { detectLanguage, FUNCTION_WORDS, measure } from '../../src/lib/text/languages.ts';

describe('detectLanguage', () => {
	it.each([
		['List the files in a directory and return their sizes.', 'English'],
		['将详细的结构化地址转换为经纬度坐标', 'Chinese'],
		['查询 CloudBase 环境相关信息，支持查询环境列表 (action=list, envId, DescribeEnvs)', 'Chinese'],
		['ページ内の画像を抽出して返します。Markdown output with images.', 'Japanese'],
		['파일 목록을 가져옵니다', 'Korean'],
		['Получить список файлов в каталоге', 'Russian or other Cyrillic'],
		['Obtiene la lista de los archivos del directorio, sin modificar nada en el servidor.', 'Spanish'],
		['Retorna a lista dos arquivos do diretório e não altera nada.', 'Portuguese'],
		['Renvoie la liste des fichiers du répertoire sans rien modifier.', 'French'],
		['Gibt die Liste der Dateien im Verzeichnis zurück und ändert nichts.', 'German'],
		["Restituisce l'elenco dei file della cartella, senza modificare nulla nel server.", 'Italian'],
		// An English description with one foreign-looking word stays English.
		['Read the file at the given path; returns the contents as text (no changes are made).', 'English'],
		// Identifier-like or very short text carries no evidence either way.
		['Get inbox', 'undetermined'],
		// One Han character in an English description is not enough to call it Chinese.
		['Search the map for 北 and return the nearest places to the given point.', 'English'],
	])('%s → %s', (text, language) => {
		expect(detectLanguage(text)).toBe(language);
	});
});

describe('FUNCTION_WORDS', () => {
	it('leaves no English function word in another language list', () => {
		const english = new Set(FUNCTION_WORDS['English']);
		for (const [language, words] of Object.entries(FUNCTION_WORDS)) {
			if (language === 'English') continue;
			expect(
				words.filter((w) => english.has(w)),
				language,
			).toEqual([]);
		}
	});
});

describe('measure', () => {
	it('counts tools and distinct servers per language, empty descriptions apart', () => {
		const counts = measure([
			{
				slug: 'a',
				tools: [{ definition: { description: 'Get the weather for the city.' } }, { definition: { description: '获取所有菜谱和分类' } }],
			},
			{ slug: 'b', tools: [{ definition: { description: '获取城市的天气信息' } }, { definition: {} }] },
		]);
		expect(counts).toEqual([
			{ language: 'Chinese', tools: 2, servers: ['a', 'b'] },
			{ language: 'English', tools: 1, servers: ['a'] },
			{ language: 'no description', tools: 1, servers: ['b'] },
		]);
	});
});
