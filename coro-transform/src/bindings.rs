//! The locals of a coroutine body, as name resolution finds them while the control-flow
//! graph is built ([`crate::cfg`]): every parameter and pattern binding, each `for` loop's
//! hidden iterator, and what the code does with each of them.

use std::fmt;

use proc_macro2::{Ident, Span};
use syn::Type;

use crate::borrows::Derivation;
use crate::facts::{How, NameKey};
use crate::ids::{BindingId, BlockId, StmtId};

/// A local of the coroutine body.
pub struct Binding {
    /// The name as the user wrote it (with its span, hence its hygiene), or a generated one.
    pub name: Ident,
    pub key: NameKey,
    pub mutable: bool,
    pub role: Role,
    /// The declared type, when the declaration is `name: Type`.
    pub ty: Option<Type>,
    /// A primitive type the body states for it, written into the state instead of a type
    /// parameter (see [`crate::known_types`]).
    pub known: Option<Type>,
    /// Where it is declared.
    pub site: Site,
    /// Declared with a value (`let x = ..`, a pattern binding), not `let x;`.
    pub initialized: bool,
    /// Some mention may move out of it (see [`crate::facts`]).
    pub moves: bool,
    /// Mentioned at all after its declaration.
    pub mentioned: bool,
    /// Every mention indexes or steps it (`buf[i]`, `it.next()`): it works the same
    /// through a `&mut` reference into the state.
    pub stepped_only: bool,
    /// Its value borrows another local (`&x`, `&mut x`, a `ref` binding of `x`, a `for`
    /// loop over `&x`): where to point the error if it must be held across a yield.
    pub borrows_local: Option<Span>,
    /// It borrows the coroutine's own locals, and is made again after each resume from
    /// what it reads (see [`crate::borrows`]).
    pub derived: Option<Derivation>,
    /// Why a borrow of a local is not made again after a resume, for the error when it is
    /// held across a yield.
    pub underivable: Option<String>,
    /// Its written type is a reference (`&T`, `&mut T`, `&self`): a borrow through it is
    /// not a borrow of the coroutine's own storage.
    pub reference: bool,
    /// Bound by `ref` or `ref mut`: a reference, with nothing to drop.
    pub by_ref: bool,
    /// Its value surely owns its data (a written `Vec`, `String`, array, ..; `vec![..]`,
    /// `.collect()`, ..).
    pub owned: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Role {
    /// Written by the user.
    User,
    /// The iterator of this `for` loop.
    Iterator(StmtId),
    /// A zero-sized record of another binding's type, kept where that binding is empty
    /// (declared again without a value after a yield).
    Witness(BindingId),
}

/// Where a binding is declared, which decides where a resume path re-declares it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Site {
    /// A parameter of the function.
    Param,
    /// A pattern at the start of a block: a `match` arm's, `if let`'s, `while let`'s, a
    /// `for` loop's.
    Entry(BlockId),
    /// A `let` statement (or `let` yield) of a block, in scope after it.
    Stmt(StmtId),
    /// The iterator of a `for` loop, in scope inside the loop statement.
    Iterator(StmtId),
}

/// Every binding of a body.
#[derive(Default)]
pub struct Bindings {
    pub list: Vec<Binding>,
    /// The bindings of each parameter's pattern, per parameter.
    pub params: Vec<Vec<BindingId>>,
}

impl Bindings {
    /// Whether the state keeps a value for `id` where it is held: everything but the
    /// borrows made again after each resume from what they read (places, loop items).
    pub fn stored(&self, id: BindingId) -> bool {
        self.get(id).derived.as_ref().is_none_or(|d| d.stored())
    }

    pub fn get(&self, id: BindingId) -> &Binding {
        &self.list[id.index()]
    }

    pub fn get_mut(&mut self, id: BindingId) -> &mut Binding {
        &mut self.list[id.index()]
    }

    pub fn ids(&self) -> impl Iterator<Item = BindingId> {
        (0..self.list.len()).map(BindingId::new)
    }

    pub fn add(&mut self, binding: Binding) -> BindingId {
        self.list.push(binding);
        BindingId::new(self.list.len() - 1)
    }

    /// Records one mention of `id`.
    pub fn note(&mut self, id: BindingId, how: How) {
        let b = self.get_mut(id);
        b.mentioned = true;
        b.moves |= how == How::Move;
        b.stepped_only &= how == How::Step;
    }

    /// The name a binding has in diagnostics and `Location`: its own, or what the hidden
    /// value is.
    pub fn describe(&self, id: BindingId) -> Option<String> {
        let b = self.get(id);
        match b.role {
            Role::User if b.name == crate::rewrite::self_ident(b.name.span()) => {
                Some("self".to_string())
            }
            Role::User => Some(crate::names::as_written(&b.name)),
            Role::Iterator(_) if b.derived.is_some() => Some("(for loop position)".to_string()),
            Role::Iterator(_) => Some("(for loop iterator)".to_string()),
            Role::Witness(_) => None,
        }
    }
}

impl Binding {
    /// A fresh binding with nothing known about its uses yet.
    pub fn new(name: Ident, mutable: bool, role: Role, site: Site, initialized: bool) -> Self {
        Binding {
            key: NameKey::of(&name),
            name,
            mutable,
            role,
            ty: None,
            known: None,
            site,
            initialized,
            moves: false,
            mentioned: false,
            stepped_only: true,
            borrows_local: None,
            derived: None,
            underivable: None,
            reference: false,
            by_ref: false,
            owned: false,
        }
    }
}

impl fmt::Debug for Binding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.name)?;
        if self.mutable {
            write!(f, " mut")?;
        }
        match self.role {
            Role::User => {}
            Role::Iterator(s) => write!(f, " iterator of {s:?}")?,
            Role::Witness(b) => write!(f, " type of {b:?}")?,
        }
        write!(f, " at {:?}", self.site)?;
        let mut flags = Vec::new();
        if !self.initialized {
            flags.push("uninitialized");
        }
        if self.moves {
            flags.push("may move");
        }
        if !self.mentioned {
            flags.push("never mentioned");
        } else if self.stepped_only {
            flags.push("stepped only");
        }
        if self.borrows_local.is_some() {
            flags.push("borrows a local");
        }
        match self.derived.as_ref().map(|d| &d.how) {
            Some(crate::borrows::Derived::Place(_)) => flags.push("re-derived place"),
            Some(crate::borrows::Derived::Iterator(_)) => flags.push("re-derived iterator"),
            Some(crate::borrows::Derived::Item(_)) => flags.push("re-derived item"),
            Some(crate::borrows::Derived::Pattern { .. }) => flags.push("re-derived pattern"),
            None => {}
        }
        if !flags.is_empty() {
            write!(f, " ({})", flags.join(", "))?;
        }
        Ok(())
    }
}

impl fmt::Debug for Bindings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut list = f.debug_map();
        for id in self.ids() {
            list.entry(&id, self.get(id));
        }
        list.finish()
    }
}
