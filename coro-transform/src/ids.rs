//! Typed indices into the arenas of the middle of the transform: a `BlockId` can only
//! index blocks, a `PointId` only suspension points, and so on.

use std::fmt;

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident $prefix:literal;)*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(u32);

        impl $name {
            /// The id of the `index`th element of its arena.
            pub fn new(index: usize) -> Self {
                $name(u32::try_from(index).expect("fewer than 2^32 elements"))
            }

            /// The position in its arena.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($prefix, "{}"), self.0)
            }
        }
    )*};
}

ids! {
    /// A block of the spine ([`crate::spine::Block`]).
    BlockId "b";
    /// A statement of the spine ([`crate::spine::Node`]).
    StmtId "s";
    /// A suspension point: a `yield_!`, numbered in source order from 0.
    PointId "k";
    /// A local of the body: a parameter, a pattern binding, or a value the transform
    /// introduces ([`crate::bindings::Binding`]).
    BindingId "x";
    /// A node of the control-flow graph ([`crate::cfg::Cfg`]).
    NodeId "n";
}

/// A dense set of ids of one kind, as a bit set.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct IdSet {
    words: Vec<u64>,
}

impl IdSet {
    /// An empty set that can hold ids below `len` without growing.
    pub fn with_capacity(len: usize) -> Self {
        IdSet {
            words: vec![0; len.div_ceil(64)],
        }
    }

    /// Adds `index`; returns whether it was new.
    pub fn insert(&mut self, index: usize) -> bool {
        let (word, bit) = (index / 64, index % 64);
        if word >= self.words.len() {
            self.words.resize(word + 1, 0);
        }
        let new = self.words[word] & (1 << bit) == 0;
        self.words[word] |= 1 << bit;
        new
    }

    /// Removes `index`.
    pub fn remove(&mut self, index: usize) {
        let (word, bit) = (index / 64, index % 64);
        if let Some(w) = self.words.get_mut(word) {
            *w &= !(1 << bit);
        }
    }

    /// Whether `index` is in the set.
    pub fn contains(&self, index: usize) -> bool {
        let (word, bit) = (index / 64, index % 64);
        self.words.get(word).is_some_and(|w| w & (1 << bit) != 0)
    }

    /// Adds every element of `other`; returns whether anything was new.
    pub fn union_with(&mut self, other: &IdSet) -> bool {
        if other.words.len() > self.words.len() {
            self.words.resize(other.words.len(), 0);
        }
        let mut changed = false;
        for (mine, theirs) in self.words.iter_mut().zip(&other.words) {
            let next = *mine | theirs;
            changed |= next != *mine;
            *mine = next;
        }
        changed
    }

    /// The elements, in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(w, &bits)| {
            (0..64)
                .filter(move |b| bits & (1 << b) != 0)
                .map(move |b| w * 64 + b)
        })
    }
}

impl fmt::Debug for IdSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_grow_and_union() {
        let mut a = IdSet::with_capacity(3);
        assert!(a.insert(2));
        assert!(!a.insert(2));
        assert!(a.insert(130));
        let mut b = IdSet::default();
        b.insert(5);
        assert!(b.union_with(&a));
        assert!(!b.union_with(&a));
        assert_eq!(b.iter().collect::<Vec<_>>(), [2, 5, 130]);
        b.remove(5);
        assert!(!b.contains(5) && b.contains(130));
        assert_eq!(format!("{:?}", BindingId::new(4)), "x4");
    }
}
