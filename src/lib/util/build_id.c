/*
 * build_id: the GNU build-id note of the program (build_id.h), found in
 * its program headers as the dynamic linker lists them.
 */
#include <config.h>

#include <stdbool.h>
#include <string.h>

#include "util/build_id.h"

#ifdef HAVE_DL_ITERATE_PHDR
#include <elf.h>
#include <link.h>

struct build_id {
	const unsigned char *bytes;
	size_t len;
};

static size_t round_up(size_t n, size_t align)
{
	return (n + align - 1) / align * align;
}

/* The build-id among the notes of one PT_NOTE segment (names and
 * descriptors are padded to the segment's alignment, 4 or 8). */
static bool find_in_notes(const unsigned char *p, size_t len, size_t align,
			  struct build_id *id)
{
	while (len >= sizeof(ElfW(Nhdr))) {
		ElfW(Nhdr) note;
		size_t name, desc;

		memcpy(&note, p, sizeof note);
		name = round_up(note.n_namesz, align);
		desc = round_up(note.n_descsz, align);
		if (name > len - sizeof note || desc > len - sizeof note - name)
			return false;
		if (note.n_type == NT_GNU_BUILD_ID && note.n_namesz == sizeof "GNU" &&
		    memcmp(p + sizeof note, "GNU", sizeof "GNU") == 0) {
			id->bytes = p + sizeof note + name;
			id->len = note.n_descsz;
			return true;
		}
		p += sizeof note + name + desc;
		len -= sizeof note + name + desc;
	}
	return false;
}

/* Called for each loaded object, the program first: only it is read. */
static int find_in_program(struct dl_phdr_info *info, size_t size, void *data)
{
	(void)size;
	for (ElfW(Half) i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		size_t align = ph->p_align < 4 ? 4 : ph->p_align;

		if (ph->p_type == PT_NOTE &&
		    find_in_notes((const unsigned char *)(info->dlpi_addr + ph->p_vaddr),
				  ph->p_memsz, align, data))
			break;
	}
	return 1;
}

const unsigned char *kw_build_id(size_t *len)
{
	static struct build_id id;
	static bool looked;

	if (!looked)
		dl_iterate_phdr(find_in_program, &id);
	looked = true;
	*len = id.len;
	return id.bytes;
}
#else
const unsigned char *kw_build_id(size_t *len)
{
	*len = 0;
	return NULL;
}
#endif
